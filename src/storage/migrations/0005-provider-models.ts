import type { Kysely } from 'kysely';

/**
 * Connection test results (the last `POST /api/providers/:id/test`), and per-model user settings: custom models,
 * hidden models and user prices (`provider_models`, one row per provider and model; prices as JSON text so the
 * schema stays portable without a float type).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('connections').addColumn('test_ok', 'integer').execute();
  await db.schema.alterTable('connections').addColumn('test_status', 'integer').execute();
  await db.schema.alterTable('connections').addColumn('test_message', 'text').execute();
  await db.schema.alterTable('connections').addColumn('test_latency_ms', 'integer').execute();
  await db.schema.alterTable('connections').addColumn('test_model', 'text').execute();
  await db.schema.alterTable('connections').addColumn('tested_at', 'bigint').execute();
  await db.schema
    .createTable('provider_models')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('custom', 'integer', (c) => c.notNull())
    .addColumn('hidden', 'integer', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('context_length', 'integer')
    .addColumn('pricing', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('provider_models_pk', ['provider', 'model'])
    .execute();
}
