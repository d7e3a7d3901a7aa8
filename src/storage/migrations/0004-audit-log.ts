import type { Kysely } from 'kysely';
import { withIdentityId } from './portable-columns.js';

/** The audit log: who changed what, every login attempt, refused requests. Append-only; newest-first reads by id. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withIdentityId(db, db.schema.createTable('audit_log'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('audit_log_created_at').on('audit_log').column('created_at').execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').column('action').execute();
}
