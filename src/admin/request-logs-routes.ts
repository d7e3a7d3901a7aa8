import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Repositories } from '../storage/repositories.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';
import { notFound, parseInput } from './parse-input.js';
import { logFilterFields, requestLogView, toLogFilter } from './usage-query.js';

const querySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    /** Cursor: rows with an id below it (the previous page's `nextCursor`). */
    before: z.coerce.number().int().positive().optional(),
    cursor: z.coerce.number().int().positive().optional(),
    ...logFilterFields,
  })
  .strict();

/**
 * `GET /api/usage/request-logs` (and `/api/usage/logs`, the same for clients of the original API): one row per
 * client request, newest first, filtered (time, provider, model, key, connection, combo, status or status class)
 * and cursor-paginated (`nextCursor` → `before`). `GET /api/usage/request-logs/:id` (numeric id or request id) adds
 * the stored bodies when detailed logging was on.
 */
export async function registerRequestLogsRoutes(
  app: FastifyInstance,
  { repositories, requestLogs }: { repositories: Repositories; requestLogs: RequestLogWriter },
): Promise<void> {
  const list = async (request: { query: unknown }) => {
    const { limit, before, cursor, ...filter } = parseInput(querySchema, request.query);
    // Rows still queued in memory belong in the answer too: a user expects to see the request they just made.
    await requestLogs.flush();
    const rows = await repositories.requestLogs.list({ ...toLogFilter(filter), limit, before: before ?? cursor });
    const last = rows.at(-1);
    return { logs: rows.map(requestLogView), nextCursor: rows.length === limit && last ? last.id : null };
  };
  app.get('/api/usage/request-logs', list);
  app.get('/api/usage/logs', list);

  app.get('/api/usage/request-logs/:id', async (request) => {
    const { id } = request.params as { id: string };
    await requestLogs.flush();
    const row = await repositories.requestLogs.get(id);
    if (row === undefined) throw notFound('request log', id);
    const bodies = await repositories.requestLogBodies.get(row.request_id);
    return {
      ...requestLogView(row),
      request_body: bodies?.request_body ?? null,
      response_body: bodies?.response_body ?? null,
      bodies_truncated: bodies === undefined ? null : bodies.truncated === 1,
    };
  });
}
