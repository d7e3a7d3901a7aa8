import type { Kysely } from 'kysely';

/**
 * The response cache's database tier (answers survive a restart; the memory LRU in front of it is the fast path)
 * and two request-log columns: how the cache treated a request, and what a reused answer would have cost.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('response_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  // The purge deletes by expiry, oldest first.
  await db.schema.createIndex('response_cache_expires_at').on('response_cache').column('expires_at').execute();
  await db.schema.alterTable('request_logs').addColumn('cache_status', 'text').execute();
  await db.schema.alterTable('request_logs').addColumn('cost_saved_nano_usd', 'bigint').execute();
}
