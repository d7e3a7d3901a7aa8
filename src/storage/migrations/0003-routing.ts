import type { Kysely } from 'kysely';

/** Model aliases and combos; request logs learn which combo served a request and after how many attempts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('model_aliases')
    .addColumn('alias', 'text', (c) => c.primaryKey())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('combos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('request_logs').addColumn('combo', 'text').execute();
  await db.schema.alterTable('request_logs').addColumn('attempts', 'integer').execute();
}
