import type { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import type { BaseUrlGuard } from './base-url-guard.js';
import { connectionTestView } from './connection-view.js';
import { testConnection } from './test-connection.js';

export interface ValidationProblem {
  field: string;
  message: string;
}

export interface ConnectionValidation {
  valid: boolean;
  errors: ValidationProblem[];
  test?: ReturnType<typeof connectionTestView>;
}

/**
 * `POST /api/providers/validate`: every check that saving would make (schema, known provider, key when required,
 * free name, allowed base URL), all reported at once with their fields, and with `probe: true` a real test call.
 * Nothing is stored.
 */
export async function validateConnection(input: {
  body: unknown;
  schema: z.ZodType<{ provider: string; name?: string; apiKey?: string; baseUrl?: string }>;
  repositories: Repositories;
  state: RuntimeState;
  upstream: UpstreamClient;
  guard: BaseUrlGuard;
}): Promise<ConnectionValidation> {
  const { body, schema, repositories, state, upstream, guard } = input;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'The body must be a JSON object like the one POST /api/providers takes.');
  }
  const { probe, model, ...config } = body as Record<string, unknown>;
  const errors: ValidationProblem[] = [];
  if (probe !== undefined && typeof probe !== 'boolean') errors.push({ field: 'probe', message: 'must be a boolean' });
  if (model !== undefined && (typeof model !== 'string' || model.trim() === '')) {
    errors.push({ field: 'model', message: 'must be a non-empty string' });
  }
  const parsed = schema.safeParse(config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) errors.push({ field: key, message: 'unknown field' });
      } else {
        errors.push({ field: issue.path.join('.') || 'body', message: issue.message });
      }
    }
  }
  const fields = parsed.success ? parsed.data : (config as Partial<z.infer<typeof schema>>);
  const provider =
    typeof fields.provider === 'string' ? state.snapshot.providersByName.get(fields.provider) : undefined;
  if (typeof fields.provider === 'string' && provider === undefined) {
    errors.push({ field: 'provider', message: `unknown provider '${fields.provider}' (see GET /api/models/catalog)` });
  }
  if (provider?.apiKeyRequired && (typeof fields.apiKey !== 'string' || fields.apiKey.trim() === '')) {
    errors.push({ field: 'apiKey', message: `provider '${provider.id}' needs an apiKey` });
  }
  if (provider !== undefined && typeof fields.name === 'string') {
    if (await repositories.connections.findByName(provider.id, fields.name.trim())) {
      errors.push({ field: 'name', message: `a '${provider.id}' connection named '${fields.name}' already exists` });
    }
  }
  if (parsed.success && fields.baseUrl !== undefined) {
    try {
      await guard(fields.baseUrl, provider);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      errors.push({ field: 'baseUrl', message: error.message });
    }
  }
  if (probe !== true || errors.length > 0 || provider === undefined) return { valid: errors.length === 0, errors };

  const test = await testConnection({
    upstream,
    snapshot: state.snapshot,
    provider,
    connection: { apiKey: fields.apiKey ?? null, baseUrl: fields.baseUrl ?? null },
    model: typeof model === 'string' ? model.trim() : undefined,
  });
  return { valid: test.ok, errors, test: connectionTestView(test) };
}
