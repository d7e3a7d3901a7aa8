import type { Kysely } from 'kysely';

/** Responses API conversation state, for `previous_response_id` continuations. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stored_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('api_key_id', 'text')
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stored_responses_created_at').on('stored_responses').column('created_at').execute();
}
