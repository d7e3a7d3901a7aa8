/** What `/api/cache` shows of the shared tier. */
export interface SharedTierStats {
  backend: 'redis';
  status: string;
  /** Entries stored, counted up to a bound (absent while the store is unreachable). */
  entries?: number;
  /** True when `entries` stopped at the bound (there are at least that many). */
  entriesCapped?: boolean;
}

/**
 * The response cache's shared tier, between this process's memory and the database: an answer one gateway process
 * stores is served by the others at once (database writes are batched). Every call fails open: an unreachable store
 * reads as a miss and drops writes. Implemented over Redis in `cluster/redis-answer-store.ts`.
 */
export interface SharedAnswerStore {
  /** The serialized answer (`serializeAnswer`) and how long it has left, or undefined. */
  get(key: string): Promise<{ text: string; ttlMs: number } | undefined>;
  /** Fire-and-forget. */
  set(key: string, text: string, ttlMs: number): void;
  /** Deletes every shared entry and tells the other processes to forget the ones they hold in memory. */
  clear(): Promise<void>;
  /** Called when another process cleared the cache. */
  onClear(listener: () => void): void;
  stats(): Promise<SharedTierStats>;
}
