import { GatewayError } from '../core/errors.js';
import type { ProviderDefinition } from '../providers/catalog/types.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { Repositories } from '../storage/repositories.js';
import type { MappedTokens } from './map-token-answer.js';
import type { FlowOptions } from './pending-flows.js';

/**
 * Stores a signed-in account. Signing in again to an account that is already connected (same provider, same
 * email or id) replaces its tokens and clears `expired`: that is how a user reconnects. Otherwise a new
 * connection is created. Returns the connection and whether it is new.
 */
export async function saveAccount(input: {
  repositories: Repositories;
  state: RuntimeState;
  provider: ProviderDefinition;
  mapped: MappedTokens;
  options: FlowOptions;
}): Promise<{ connection: ConnectionRecord; created: boolean }> {
  const { repositories, state, provider, mapped, options } = input;
  const tokens = options.projectId === undefined ? mapped.tokens : { ...mapped.tokens, projectId: options.projectId };
  const siblings = (await repositories.connections.list()).filter((entry) => entry.provider === provider.id);
  const existing =
    mapped.account === undefined ? undefined : siblings.find((entry) => entry.oauth?.account === mapped.account);
  let connection = existing;
  if (connection === undefined) {
    const name = options.name ?? uniqueName(mapped.account ?? `${provider.id}-${siblings.length + 1}`, siblings);
    if (siblings.some((entry) => entry.name === name)) {
      throw new GatewayError('conflict', `A '${provider.id}' connection named '${name}' already exists.`, {
        param: 'name',
      });
    }
    connection = await repositories.connections.create({
      provider: provider.id,
      name,
      apiKey: tokens.accessToken,
      baseUrl: options.baseUrl ?? null,
      priority: Math.max(0, ...siblings.map((entry) => entry.priority)) + 1,
      isActive: true,
    });
  } else if (options.baseUrl !== undefined) {
    await repositories.connections.update(connection.id, { baseUrl: options.baseUrl });
  }
  await repositories.oauthTokens.write(connection.id, tokens, mapped.account ?? null);
  await state.reload();
  const saved = await repositories.connections.get(connection.id);
  if (saved === undefined) throw new GatewayError('internal', 'The new connection disappeared while it was saved.');
  return { connection: saved, created: existing === undefined };
}

function uniqueName(base: string, siblings: readonly ConnectionRecord[]): string {
  const taken = new Set(siblings.map((entry) => entry.name));
  const trimmed = base.slice(0, 90);
  if (!taken.has(trimmed)) return trimmed;
  for (let index = 2; ; index += 1) if (!taken.has(`${trimmed}-${index}`)) return `${trimmed}-${index}`;
}
