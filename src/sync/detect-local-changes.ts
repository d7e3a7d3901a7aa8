import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { LocalObject } from './read-local-objects.js';
import { contentHash, entryKey, type SyncEntry } from './sync-entry.js';
import { isKnownObject } from './sync-kinds.js';
import { listTracked, saveTracked, type TrackedObject } from './sync-objects-store.js';

export interface LocalState {
  /** Every object and tombstone this instance knows, stamped. */
  entries: Map<string, SyncEntry>;
  /** The hash last agreed with the hub, per object. */
  base: Map<string, string | null>;
}

/**
 * Compares the database with what was tracked: a changed hash is a local edit (stamped with the row's own edit time
 * when it has a newer one, else now), a tracked object that is gone is a deletion (a tombstone). Edits are found
 * whatever made them (dashboard, CLI, config file), without hooks in every repository.
 */
export async function detectLocalChanges({
  db,
  objects,
  instanceId,
  now,
}: {
  db: Kysely<Database>;
  objects: LocalObject[];
  instanceId: string;
  now: number;
}): Promise<LocalState> {
  const tracked = await listTracked(db);
  const entries = new Map<string, SyncEntry>();
  const changed: SyncEntry[] = [];
  for (const object of objects) {
    const key = entryKey(object.kind, object.id);
    const hash = contentHash(object.content);
    const known = tracked.get(key);
    const base = { kind: object.kind, id: object.id, deleted: false, content: object.content, hash };
    if (known !== undefined && !known.deleted && known.hash === hash) {
      entries.set(key, { ...base, updatedAt: known.updatedAt, origin: known.origin });
      continue;
    }
    const entry = { ...base, updatedAt: editTime(object, known, now), origin: instanceId };
    entries.set(key, entry);
    changed.push(entry);
  }
  for (const [key, known] of tracked) {
    // Objects this version cannot read are never "missing": they come from the hub on every pass.
    if (entries.has(key) || !isKnownObject(known.kind, known.id)) continue;
    const { kind, id, hash, updatedAt, origin } = known;
    const entry = known.deleted
      ? { kind, id, hash, updatedAt, origin, deleted: true }
      : {
          kind,
          id,
          hash: contentHash(undefined),
          updatedAt: Math.max(now, updatedAt + 1),
          origin: instanceId,
          deleted: true,
        };
    entries.set(key, entry);
    if (!known.deleted) changed.push(entry);
  }
  await saveTracked(db, changed, () => 'keep');
  const base = new Map([...tracked].map(([key, known]) => [key, known.syncedHash]));
  return { entries, base };
}

function editTime(object: LocalObject, known: TrackedObject | undefined, now: number): number {
  if (known === undefined) return object.rowUpdatedAt ?? now;
  if (object.rowUpdatedAt !== undefined && object.rowUpdatedAt > known.updatedAt) return object.rowUpdatedAt;
  return Math.max(now, known.updatedAt + 1);
}
