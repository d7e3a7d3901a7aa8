import { describe, expect, it } from 'vitest';
import { mergeSyncEntries } from './merge-sync-entries.js';
import { contentHash, entryKey, type SyncEntry } from './sync-entry.js';

function combo(id: string, name: string, strategy: string, updatedAt: number, origin: string): SyncEntry {
  const content = { data: { id, name, strategy }, secrets: {} };
  return { kind: 'combo', id, updatedAt, origin, deleted: false, content, hash: contentHash(content) };
}
const dead = (entry: SyncEntry, updatedAt: number, origin: string): SyncEntry => ({
  kind: entry.kind,
  id: entry.id,
  updatedAt,
  origin,
  deleted: true,
  hash: contentHash(undefined),
});
const map = (...entries: SyncEntry[]) => new Map(entries.map((entry) => [entryKey(entry.kind, entry.id), entry]));
const key = (entry: SyncEntry) => entryKey(entry.kind, entry.id);

describe('mergeSyncEntries', () => {
  const base = combo('c1', 'fast', 'priority', 1, 'a');

  it('takes the other side without a conflict when one side did not change', () => {
    const edited = combo('c1', 'fast', 'round-robin', 5, 'b');
    const result = mergeSyncEntries({ local: map(base), remote: map(edited), base: new Map([[key(base), base.hash]]) });
    expect(result.merged.get(key(base))).toBe(edited);
    expect(result.apply).toEqual([edited]);
    expect(result.conflicts).toEqual([]);
    const reverse = mergeSyncEntries({
      local: map(edited),
      remote: map(base),
      base: new Map([[key(base), base.hash]]),
    });
    expect(reverse.merged.get(key(base))).toBe(edited);
    expect(reverse.apply).toEqual([]);
  });

  it('resolves concurrent edits by last writer, reporting the loser', () => {
    const mine = combo('c1', 'fast', 'random', 7, 'a');
    const theirs = combo('c1', 'fast', 'round-robin', 9, 'b');
    const result = mergeSyncEntries({ local: map(mine), remote: map(theirs), base: new Map([[key(base), base.hash]]) });
    expect(result.merged.get(key(base))).toBe(theirs);
    expect(result.conflicts).toEqual([{ winner: theirs, loser: mine, reason: 'concurrent-edit' }]);
  });

  it('breaks equal times by instance id, the same way on both sides', () => {
    const a = combo('c1', 'fast', 'random', 7, 'instance-a');
    const b = combo('c1', 'fast', 'round-robin', 7, 'instance-b');
    const onA = mergeSyncEntries({ local: map(a), remote: map(b), base: new Map() });
    const onB = mergeSyncEntries({ local: map(b), remote: map(a), base: new Map() });
    expect(onA.merged.get(key(a))).toBe(b);
    expect(onB.merged.get(key(a))).toBe(b);
  });

  it('propagates deletions as tombstones, and a newer edit beats an older deletion', () => {
    const deleted = dead(base, 4, 'b');
    const removed = mergeSyncEntries({
      local: map(base),
      remote: map(deleted),
      base: new Map([[key(base), base.hash]]),
    });
    expect(removed.apply).toEqual([deleted]);
    const revived = combo('c1', 'fast', 'random', 6, 'a');
    const kept = mergeSyncEntries({
      local: map(revived),
      remote: map(deleted),
      base: new Map([[key(base), base.hash]]),
    });
    expect(kept.merged.get(key(base))).toBe(revived);
    expect(kept.conflicts).toHaveLength(1);
  });

  it('keeps the newer of two objects made apart with one unique name', () => {
    const older = combo('c1', 'fast', 'priority', 3, 'a');
    const newer = combo('c2', 'fast', 'random', 4, 'b');
    const result = mergeSyncEntries({ local: map(older), remote: map(newer), base: new Map() });
    expect(result.merged.get(key(newer))).toBe(newer);
    expect(result.merged.get(key(older))?.deleted).toBe(true);
    expect(result.apply.map((entry) => [entry.id, entry.deleted])).toEqual([
      ['c1', true],
      ['c2', false],
    ]);
    expect(result.conflicts[0]?.reason).toBe('duplicate-name');
  });
});
