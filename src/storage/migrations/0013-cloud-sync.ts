import type { Kysely } from 'kysely';

/**
 * Cloud sync (src/sync/). `sync_objects`: what this instance last saw of each synced configuration object (content
 * hash, last-writer-wins time and instance, tombstone, and the hash last agreed with the hub), so edits made through
 * any path (routes, CLI, config file) and deletions are detected without touching every repository. The hub side:
 * `sync_bundles` (one encrypted bundle per sync space, with a version for optimistic concurrency) and `sync_tokens`
 * (tokens that may read and write one space; SHA-256 hashes only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_objects')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('synced_hash', 'text')
    .addPrimaryKeyConstraint('sync_objects_pk', ['kind', 'object_id'])
    .execute();
  await db.schema
    .createTable('sync_bundles')
    .addColumn('space', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('bundle', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sync_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('space', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_tokens').execute();
  await db.schema.dropTable('sync_bundles').execute();
  await db.schema.dropTable('sync_objects').execute();
}
