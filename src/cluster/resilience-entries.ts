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

/** What changed from `before` to `after`: new or different entries with their value, removed ones with null. */
export function diffEntries(before: EntryMap, after: EntryMap): Array<[string, string | null]> {
  const changes: Array<[string, string | null]> = [];
  for (const [key, value] of after) if (before.get(key) !== value) changes.push([key, value]);
  for (const key of before.keys()) if (!after.has(key)) changes.push([key, null]);
  return changes;
}
