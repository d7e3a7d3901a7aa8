import { compareVersions, entryKey, type SyncEntry, tombstoneHash } from './sync-entry.js';
import { syncTableFor } from './sync-kinds.js';

export interface SyncConflict {
  winner: SyncEntry;
  loser: SyncEntry;
  /** Both sides edited one object since the last sync, or two objects made apart share a unique name. */
  reason: 'concurrent-edit' | 'duplicate-name';
}

export interface MergeResult {
  /** Every object after the merge: what this instance keeps and pushes. */
  merged: Map<string, SyncEntry>;
  /** Entries whose merged version differs from the local one: they are written (or deleted) locally. */
  apply: SyncEntry[];
  conflicts: SyncConflict[];
}

/**
 * Three-way, per-object merge. A side unchanged since the last agreed version (`base`) takes the other side's
 * version without a conflict; when both changed, the later write wins (ties: instance id, then content hash, the
 * same answer on every instance) and the loser is reported.
 */
export function mergeSyncEntries({
  local,
  remote,
  base,
}: {
  local: Map<string, SyncEntry>;
  remote: Map<string, SyncEntry>;
  base: Map<string, string | null>;
}): MergeResult {
  const merged = new Map<string, SyncEntry>();
  const conflicts: SyncConflict[] = [];
  for (const key of new Set([...local.keys(), ...remote.keys()])) {
    const mine = local.get(key);
    const theirs = remote.get(key);
    if (mine === undefined || theirs === undefined) {
      merged.set(key, (mine ?? theirs) as SyncEntry);
      continue;
    }
    if (mine.hash === theirs.hash) {
      merged.set(key, compareVersions(mine, theirs) >= 0 ? mine : theirs);
      continue;
    }
    const agreed = base.get(key);
    if (mine.hash === agreed) merged.set(key, theirs);
    else if (theirs.hash === agreed) merged.set(key, mine);
    else {
      const [winner, loser] = compareVersions(mine, theirs) >= 0 ? [mine, theirs] : [theirs, mine];
      merged.set(key, winner);
      conflicts.push({ winner, loser, reason: 'concurrent-edit' });
    }
  }
  conflicts.push(...dropDuplicateNames(merged));
  const apply = [...merged].flatMap(([key, entry]) =>
    entry.hash === (local.get(key)?.hash ?? tombstoneHash) ? [] : [entry],
  );
  return { merged, apply, conflicts };
}

/** Two live objects of one kind with one unique name (made apart on two instances): the newer stays. */
function dropDuplicateNames(merged: Map<string, SyncEntry>): SyncConflict[] {
  const conflicts: SyncConflict[] = [];
  const groups = new Map<string, SyncEntry[]>();
  for (const entry of merged.values()) {
    const table = syncTableFor(entry.kind);
    if (entry.deleted || entry.content === undefined || table === undefined) continue;
    for (const columns of table.unique) {
      const name = JSON.stringify([entry.kind, columns, columns.map((column) => entry.content?.data[column])]);
      groups.set(name, [...(groups.get(name) ?? []), entry]);
    }
  }
  for (const group of groups.values()) {
    const [winner, ...losers] = group.sort((a, b) => compareVersions(b, a));
    if (winner === undefined) continue;
    for (const loser of losers) {
      const key = entryKey(loser.kind, loser.id);
      if (merged.get(key)?.deleted) continue;
      // One past the loser's time, so this deletion beats the loser's version on every instance.
      const tombstone = { ...loser, content: undefined, deleted: true, hash: tombstoneHash };
      merged.set(key, { ...tombstone, updatedAt: loser.updatedAt + 1, origin: winner.origin });
      conflicts.push({ winner, loser, reason: 'duplicate-name' });
    }
  }
  return conflicts;
}
