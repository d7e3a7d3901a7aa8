import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';
import { entryKey, type SyncEntry } from './sync-entry.js';

/** What this instance last saw of a synced object (the `sync_objects` row). */
export interface TrackedObject {
  kind: string;
  id: string;
  hash: string;
  updatedAt: number;
  origin: string;
  deleted: boolean;
  syncedHash: string | null;
}

export async function listTracked(db: Kysely<Database>): Promise<Map<string, TrackedObject>> {
  const rows = await db.selectFrom('sync_objects').selectAll().execute();
  return new Map(
    rows.map((row) => [
      entryKey(row.kind, row.object_id),
      {
        kind: row.kind,
        id: row.object_id,
        hash: row.hash,
        updatedAt: Number(row.updated_at),
        origin: row.origin,
        deleted: Number(row.deleted) === 1,
        syncedHash: row.synced_hash,
      },
    ]),
  );
}

/** Records entries as tracked; `synced` says whether this version is now also the hub's (the merge base). */
export async function saveTracked(
  db: Kysely<Database> | Transaction<Database>,
  entries: Iterable<SyncEntry>,
  synced: (entry: SyncEntry) => boolean | 'keep',
): Promise<void> {
  for (const entry of entries) {
    const mark = synced(entry);
    const values = {
      hash: entry.hash,
      updated_at: entry.updatedAt,
      origin: entry.origin,
      deleted: entry.deleted ? 1 : 0,
      ...(mark === 'keep' ? {} : { synced_hash: mark ? entry.hash : null }),
    };
    await db
      .insertInto('sync_objects')
      .values({ kind: entry.kind, object_id: entry.id, synced_hash: null, ...values })
      .onConflict((conflict) => conflict.columns(['kind', 'object_id']).doUpdateSet(values))
      .execute();
  }
}

/** After a push the hub holds exactly the merged set: every tracked version is the new merge base. */
export async function markAllSynced(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('sync_objects')
    .set((eb) => ({ synced_hash: eb.ref('hash') }))
    .execute();
}
