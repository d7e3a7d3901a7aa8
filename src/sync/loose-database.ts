import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

/** Synced tables are handled generically (src/sync/sync-kinds.ts): rows as plain records, columns by name. */
export type LooseDatabase = Record<string, Record<string, unknown>>;

export function loose(db: Kysely<Database> | Transaction<Database>): Kysely<LooseDatabase> {
  return db as unknown as Kysely<LooseDatabase>;
}
