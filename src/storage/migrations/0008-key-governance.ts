import { type Kysely, sql } from 'kysely';

/**
 * Per-key governance: a policy document (allowed/blocked models, combos, IP allowlist, limits) as JSON text, plus
 * expiry and a disable switch as their own columns so they stay queryable; and spend budgets per key and period
 * (limits in integer nano-USD like request-log costs, the warning threshold in basis points).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('policy', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('expires_at', 'bigint').execute();
  await db.schema
    .alterTable('api_keys')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(sql`0`))
    .execute();
  await db.schema
    .createTable('key_budgets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('limit_nano_usd', 'bigint', (c) => c.notNull())
    .addColumn('warning_bps', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('key_budgets_key_period')
    .on('key_budgets')
    .columns(['key_id', 'period'])
    .unique()
    .execute();
}
