import type { Kysely } from 'kysely';

/**
 * Usage accounting: each request-log row learns its cost (integer nano-USD, so sums are exact and the type stays
 * portable), whether a price was applied, and how long the upstream took; optional stored bodies live in their own
 * table so the log stays narrow; indexes for the time-bucketed queries the dashboard runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('request_logs').addColumn('cost_nano_usd', 'bigint').execute();
  await db.schema.alterTable('request_logs').addColumn('priced', 'integer').execute();
  await db.schema.alterTable('request_logs').addColumn('upstream_ms', 'integer').execute();
  await db.schema
    .createIndex('request_logs_provider_created_at')
    .on('request_logs')
    .columns(['provider', 'created_at'])
    .execute();
  await db.schema
    .createIndex('request_logs_api_key_created_at')
    .on('request_logs')
    .columns(['api_key_id', 'created_at'])
    .execute();
  // Users look a request up by the `x-omniroute-request-id` they were answered with.
  await db.schema.createIndex('request_logs_request_id').on('request_logs').column('request_id').execute();
  await db.schema
    .createIndex('request_logs_connection_created_at')
    .on('request_logs')
    .columns(['connection_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('request_log_bodies')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('request_body', 'text')
    .addColumn('response_body', 'text')
    .addColumn('truncated', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_log_bodies_created_at').on('request_log_bodies').column('created_at').execute();
}
