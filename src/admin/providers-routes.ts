import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { restoreMaskedPassword } from '../upstream/proxy-url.js';
import { baseUrlSchema } from './base-url.js';
import { createBaseUrlGuard } from './base-url-guard.js';
import { connectionView } from './connection-view.js';
import { idParams, notFound, parseInput } from './parse-input.js';
import { proxyUrlSchema } from './proxy-url-schema.js';
import { createConnection } from './upsert-connection.js';

/** The body of `POST /api/providers` (also checked by `POST /api/providers/validate`). */
export const createSchema = z
  .object({
    provider: z.string().min(1),
    name: z.string().trim().min(1).max(100).optional(),
    apiKey: z.string().trim().min(1).optional(),
    baseUrl: baseUrlSchema.optional(),
    priority: z.number().int().min(0).max(1_000_000).optional(),
    isActive: z.boolean().optional(),
  })
  .strict();

export const updateSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    apiKey: z.string().trim().min(1).nullable().optional(),
    baseUrl: baseUrlSchema.nullable().optional(),
    priority: z.number().int().min(0).max(1_000_000).optional(),
    isActive: z.boolean().optional(),
    /** This account's own upstream proxy (http, https or socks5); null: the global or environment proxy. */
    proxyUrl: proxyUrlSchema.nullable().optional(),
  })
  .strict();

/** Provider accounts (connections): `/api/providers`. */
export async function registerProvidersRoutes(
  app: FastifyInstance,
  { repositories, state, settings }: { repositories: Repositories; state: RuntimeState; settings: SettingsService },
): Promise<void> {
  const { connections } = repositories;
  const guard = createBaseUrlGuard(settings);

  app.get('/api/providers', async () => ({ connections: (await connections.list()).map(connectionView) }));

  app.post('/api/providers', async (request, reply) => {
    const input = parseInput(createSchema, request.body);
    const created = await createConnection(repositories, state, input, guard);
    await state.reload();
    return reply.code(201).send(connectionView(created));
  });

  app.get('/api/providers/:id', async (request) => {
    const id = idParams(request.params);
    const connection = await connections.get(id);
    if (connection === undefined) throw notFound('provider connection', id);
    return connectionView(connection);
  });

  app.put('/api/providers/:id', async (request) => {
    const id = idParams(request.params);
    const patch = parseInput(updateSchema, request.body);
    const existing = await connections.get(id);
    if (existing === undefined) throw notFound('provider connection', id);
    if (patch.baseUrl) await guard(patch.baseUrl, state.snapshot.providersByName.get(existing.provider));
    if (patch.name !== undefined && patch.name !== existing.name) {
      if (await connections.findByName(existing.provider, patch.name)) {
        throw new GatewayError(
          'conflict',
          `A '${existing.provider}' connection named '${patch.name}' already exists.`,
          {
            param: 'name',
          },
        );
      }
    }
    // A masked password sent back unchanged (`user:****@`) keeps the stored one.
    if (patch.proxyUrl) patch.proxyUrl = restoreMaskedPassword(patch.proxyUrl, existing.proxyUrl);
    const updated = await connections.update(id, patch);
    await state.reload();
    return connectionView(updated ?? existing);
  });

  app.delete('/api/providers/:id', async (request, reply) => {
    const id = idParams(request.params);
    if (!(await connections.delete(id))) throw notFound('provider connection', id);
    await state.reload();
    return reply.code(204).send();
  });
}
