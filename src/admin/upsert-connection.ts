import { GatewayError } from '../core/errors.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { Repositories } from '../storage/repositories.js';
import type { BaseUrlGuard } from './base-url-guard.js';

export interface ConnectionInput {
  provider: string;
  name?: string;
  apiKey?: string;
  baseUrl?: string;
  priority?: number;
  isActive?: boolean;
}

/**
 * Checks a new connection against the catalog (known provider, key present when required) and the SSRF guard
 * (base URL), then stores it.
 */
export async function createConnection(
  repositories: Repositories,
  state: RuntimeState,
  input: ConnectionInput,
  guard: BaseUrlGuard,
): Promise<ConnectionRecord> {
  const provider = state.snapshot.providersByName.get(input.provider);
  if (provider === undefined) {
    throw new GatewayError(
      'provider_not_found',
      `Unknown provider '${input.provider}'. See GET /api/models/catalog for provider ids, or add a provider node first.`,
      { param: 'provider' },
    );
  }
  if (provider.apiKeyRequired && input.apiKey === undefined) {
    throw new GatewayError('invalid_request', `Provider '${provider.id}' needs an apiKey.`, { param: 'apiKey' });
  }
  if (input.baseUrl !== undefined) await guard(input.baseUrl, provider);
  const existing = await repositories.connections.list();
  const siblings = existing.filter((connection) => connection.provider === provider.id);
  const name = input.name ?? `${provider.id}-${siblings.length + 1}`;
  if (siblings.some((connection) => connection.name === name)) {
    throw new GatewayError('conflict', `A '${provider.id}' connection named '${name}' already exists.`, {
      param: 'name',
    });
  }
  return repositories.connections.create({
    provider: provider.id,
    name,
    apiKey: input.apiKey ?? null,
    baseUrl: input.baseUrl ?? null,
    priority: input.priority ?? Math.max(0, ...siblings.map((connection) => connection.priority)) + 1,
    isActive: input.isActive ?? true,
  });
}
