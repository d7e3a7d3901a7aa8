import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../admin/parse-input.js';
import type { SyncService } from './sync-service.js';

const initializeSchema = z
  .object({
    hubUrl: z.url({ protocol: /^https?$/ }),
    token: z.string().min(1),
    /** Never sent to the hub: it derives the key that encrypts and authenticates the bundle. */
    passphrase: z.string().min(8, 'at least 8 characters'),
    space: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .default('default'),
  })
  .strict();

const actionSchema = z.object({ action: z.enum(['enable', 'disable', 'push', 'pull', 'sync']) }).strict();

/** The client side of cloud sync: pairing (`POST /api/sync/initialize`) and `GET/POST /api/sync/cloud`. */
export async function registerSyncRoutes(app: FastifyInstance, { sync }: { sync: SyncService }): Promise<void> {
  const initializeDocs = { body: initializeSchema, summary: 'Pair this instance with a sync hub' };
  app.post('/api/sync/initialize', { config: { openapi: initializeDocs } }, async (request) => {
    await sync.initialize(parseInput(initializeSchema, request.body));
    return sync.status();
  });

  app.get('/api/sync/cloud', async () => sync.status());

  const actionDocs = { body: actionSchema, summary: 'Enable, disable, push, pull or sync now' };
  app.post('/api/sync/cloud', { config: { openapi: actionDocs } }, async (request) => {
    const { action } = parseInput(actionSchema, request.body);
    if (action === 'enable' || action === 'disable') {
      await sync.setEnabled(action === 'enable');
      return sync.status();
    }
    const outcome = await sync.run(action);
    return {
      ...(await sync.status()),
      result: {
        applied: outcome.applied.map(({ kind, id, deleted }) => ({ kind, id, deleted })),
        conflicts: outcome.conflicts.map(({ winner, loser, reason }) => ({
          kind: loser.kind,
          id: loser.id,
          reason,
          winnerOrigin: winner.origin,
        })),
        pushedVersion: outcome.pushedVersion ?? null,
      },
    };
  });
}
