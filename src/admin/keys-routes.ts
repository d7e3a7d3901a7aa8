import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createApiKey } from '../auth/create-api-key.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ApiKeyRecord } from '../storage/repositories/api-keys-repository.js';
import type { Repositories } from '../storage/repositories.js';
import { idParams, notFound, parseInput } from './parse-input.js';

export const createSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(['manage'])).optional(),
  })
  .strict();

export function keyView(key: ApiKeyRecord) {
  return {
    id: key.id,
    name: key.name,
    keyPrefix: key.keyPrefix,
    scopes: key.scopes,
    createdAt: new Date(key.createdAt).toISOString(),
    revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt).toISOString(),
  };
}

/** Client API keys: `/api/keys`. The key itself is in the create answer only. */
export async function registerKeysRoutes(
  app: FastifyInstance,
  { repositories, state }: { repositories: Repositories; state: RuntimeState },
): Promise<void> {
  app.get('/api/keys', async () => ({ keys: (await repositories.apiKeys.list()).map(keyView) }));

  app.post('/api/keys', async (request, reply) => {
    const input = parseInput(createSchema, request.body);
    const { record, key } = await createApiKey(repositories.apiKeys, { name: input.name, scopes: input.scopes ?? [] });
    await state.reload();
    return reply.code(201).send({ ...keyView(record), key });
  });

  app.delete('/api/keys/:id', async (request, reply) => {
    const id = idParams(request.params);
    if (!(await repositories.apiKeys.revoke(id))) throw notFound('active API key', id);
    await state.reload();
    return reply.code(204).send();
  });
}
