import type { RoutingRuntime } from '../routing/routing-runtime.js';

/**
 * The resilience snapshot (`RoutingRuntime.toJSON()`: cooldowns, breakers, lockouts) as a flat map of entries, one
 * per account, provider or account+model, each as its JSON text: the unit processes exchange through Redis.
 */
export type EntryMap = Map<string, string>;

interface Snapshot {
  cooldowns?: { entries?: Array<{ connectionId: string }> };
  breakers?: { breakers?: Array<{ provider: string }> };
  lockouts?: { lockouts?: Array<{ connectionId: string; model: string }> };
}

export function toEntries(snapshot: unknown): EntryMap {
  const { cooldowns, breakers, lockouts } = (snapshot ?? {}) as Snapshot;
  const entries: EntryMap = new Map();
  for (const entry of cooldowns?.entries ?? []) entries.set(`cooldown:${entry.connectionId}`, JSON.stringify(entry));
  for (const entry of breakers?.breakers ?? []) entries.set(`breaker:${entry.provider}`, JSON.stringify(entry));
  for (const entry of lockouts?.lockouts ?? []) {
    entries.set(`lockout:${entry.connectionId}\u0000${entry.model}`, JSON.stringify(entry));
  }
  return entries;
}

/** The snapshot `RoutingRuntime.restore` takes, from entries (malformed ones are skipped by restore itself). */
export function fromEntries(entries: EntryMap): unknown {
  const pick = (prefix: string) =>
    [...entries].filter(([key]) => key.startsWith(prefix)).map(([, value]) => JSON.parse(value) as unknown);
  return {
    cooldowns: { entries: pick('cooldown:') },
    breakers: { breakers: pick('breaker:') },
    lockouts: { lockouts: pick('lockout:') },
  };
}

/**
 * Applies another process's changes to a runtime. Changed entries replace the local ones; a removed entry ends the
 * local one only while that is still active (a success or a reset ended it there). An entry that simply expired is
 * left alone, so this process keeps remembering its backoff level.
 */
export function applyChanges(runtime: RoutingRuntime, changes: ReadonlyArray<readonly [string, string | null]>): void {
  const active = toEntries(runtime.toJSON());
  const updated: EntryMap = new Map();
  for (const [key, value] of changes) {
    if (value !== null) updated.set(key, value);
    else if (active.has(key)) forget(runtime, key);
  }
  if (updated.size > 0) runtime.restore(fromEntries(updated), { merge: true });
}

function forget(runtime: RoutingRuntime, key: string): void {
  const [kind = '', rest = ''] = key.split(/:(.*)/s);
  if (kind === 'cooldown') runtime.cooldowns.clear(rest);
  else if (kind === 'breaker') runtime.breakers.reset(rest);
  else if (kind === 'lockout') {
    const [connectionId = '', model] = rest.split('\u0000');
    runtime.lockouts.unlock(connectionId, model);
  }
}

/** What changed from `before` to `after`: new or different entries with their value, removed ones with null. */
export function diffEntries(before: EntryMap, after: EntryMap): Array<[string, string | null]> {
  const changes: Array<[string, string | null]> = [];
  for (const [key, value] of after) if (before.get(key) !== value) changes.push([key, value]);
  for (const key of before.keys()) if (!after.has(key)) changes.push([key, null]);
  return changes;
}
