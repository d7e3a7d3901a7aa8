import type { FastifyInstance } from 'fastify';
import type { AnswerReuse } from '../cache/answer-reuse.js';

/**
 * `GET /api/cache` (and `/api/cache/stats`, the same for newer clients): the response cache's and idempotency's
 * state; `DELETE /api/cache`: clears memory, database and idempotency keys.
 */
export async function registerCacheRoutes(app: FastifyInstance, { reuse }: { reuse: AnswerReuse }): Promise<void> {
  const stats = async () => reuse.stats();
  app.get('/api/cache', stats);
  app.get('/api/cache/stats', stats);
  app.delete('/api/cache', async () => {
    await reuse.clear();
    return { cleared: true, ...(await reuse.stats()) };
  });
}
