import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Repositories } from '../storage/repositories.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';
import { parseInput } from './parse-input.js';

const querySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z.coerce.number().int().positive().optional(),
    provider: z.string().min(1).optional(),
    status: z.coerce.number().int().optional(),
  })
  .strict();

/** `GET /api/usage/request-logs`: newest first, cursor-paginated (`nextCursor` → `before`). */
export async function registerRequestLogsRoutes(
  app: FastifyInstance,
  { repositories, requestLogs }: { repositories: Repositories; requestLogs: RequestLogWriter },
): Promise<void> {
  app.get('/api/usage/request-logs', async (request) => {
    const query = parseInput(querySchema, request.query);
    // Rows still queued in memory belong in the answer too: a user expects to see the request they just made.
    await requestLogs.flush();
    const rows = await repositories.requestLogs.list(query);
    const last = rows.at(-1);
    return { logs: rows, nextCursor: rows.length === query.limit && last ? last.id : null };
  });
}
