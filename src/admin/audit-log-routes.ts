import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuditLogRow } from '../storage/repositories/audit-log-repository.js';
import type { Repositories } from '../storage/repositories.js';
import { parseInput } from './parse-input.js';

/** An ISO date-time or unix milliseconds. */
const instant = z.union([
  z.coerce
    .number()
    .int()
    .nonnegative()
    .refine((value) => Number.isSafeInteger(value)),
  z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)),
]);

const querySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z.coerce.number().int().positive().optional(),
    action: z.string().min(1).max(100).optional(),
    actor: z.string().min(1).max(200).optional(),
    since: instant.optional(),
    until: instant.optional(),
  })
  .strict();

export function auditEntryView(row: AuditLogRow) {
  return {
    id: row.id,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    actor: row.actor,
    ip: row.ip,
    action: row.action,
    target: row.target,
    details: row.details === null ? null : (JSON.parse(row.details) as unknown),
  };
}

/**
 * `GET /api/compliance/audit-log`: newest first, cursor-paginated (`nextCursor` → `before`), filtered by action
 * prefix (`login.`), actor, and a time range (`since` inclusive, `until` exclusive; ISO or unix ms).
 */
export async function registerAuditLogRoutes(
  app: FastifyInstance,
  { repositories, audit }: { repositories: Repositories; audit: AuditLog },
): Promise<void> {
  app.get('/api/compliance/audit-log', async (request) => {
    const query = parseInput(querySchema, request.query);
    // Entries still queued belong in the answer: a user expects to see the change they just made.
    await audit.flush();
    const rows = await repositories.auditLog.list(query);
    const last = rows.at(-1);
    return { entries: rows.map(auditEntryView), nextCursor: rows.length === query.limit && last ? last.id : null };
  });
}
