import type { Kysely } from 'kysely';

/**
 * Routing policies (`/api/policies`: block, allow or redirect requests by key, model and provider), and a proxy per
 * connection (`proxy_url`, sealed like the API key because it may carry the proxy's credentials).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    /** JSON: `{keys?, models?, providers?}`. */
    .addColumn('match', 'text', (c) => c.notNull())
    /** JSON: `{type: 'block', message?} | {type: 'allow'} | {type: 'redirect', target}`. */
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('connections').addColumn('proxy_url', 'text').execute();
}
