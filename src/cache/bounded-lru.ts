/**
 * A least-recently-used map bounded by entry count AND total size (the caller says what an entry weighs), so a
 * few huge answers cannot take the memory that a thousand small ones were promised. A Map keeps insertion order:
 * re-inserting on read makes its first key the least recently used.
 */
export class BoundedLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private totalBytes = 0;

  constructor(private limits: { maxEntries: number; maxBytes: number }) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get maxEntries(): number {
    return this.limits.maxEntries;
  }

  /** New limits apply at once: entries beyond them are evicted, oldest first. */
  resize(limits: { maxEntries: number; maxBytes: number }): void {
    this.limits = limits;
    this.evict();
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** An entry larger than the whole byte budget is not kept (it would evict everything and then itself). */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.limits.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    this.evict();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.totalBytes <= this.limits.maxBytes) return;
      this.delete(key);
    }
  }
}
