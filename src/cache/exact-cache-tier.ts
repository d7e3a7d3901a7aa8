import type { Logger } from '../observability/logger.js';
import { BatchWriter } from '../storage/batch-writer.js';
import type { ResponseCacheRepository, ResponseCacheRow } from '../storage/repositories/response-cache-repository.js';
import { BoundedLru } from './bounded-lru.js';
import type { CacheSettings } from './cache-settings.js';
import { type CachedAnswer, type CacheLookup, type CacheTier, parseAnswer, serializeAnswer } from './cached-answer.js';
import type { SharedAnswerStore } from './shared-answer-store.js';

interface MemoryEntry {
  answer: CachedAnswer;
  expiresAt: number;
}

/** Expired database rows are deleted this often, in batches of `purgeBatch` (never one long lock). */
const purgeIntervalMs = 10 * 60_000;
const purgeBatch = 1000;

/**
 * The exact tier: a memory LRU (bounded by entries and bytes) in front of the optional shared store (Redis, for
 * several processes) and the `response_cache` table. Reads try memory, then the shared store, then the database (a
 * hit further down is promoted to memory); writes go to memory at once, to the shared store without waiting, and to
 * the database in batches off the request path. Expiry is checked on read (lazy) and purged from the database
 * periodically.
 */
export class ExactCacheTier implements CacheTier {
  readonly name = 'exact';
  private readonly memory: BoundedLru<MemoryEntry>;
  private readonly writes: BatchWriter<ResponseCacheRow>;
  private readonly purgeTimer: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly options: {
      repository: ResponseCacheRepository;
      settings: () => CacheSettings;
      logger: Logger;
      /** Shared by every gateway process (absent: this process's memory and the database only). */
      shared?: SharedAnswerStore;
      now?: () => number;
    },
  ) {
    const { maxEntries, maxBytes } = options.settings();
    this.memory = new BoundedLru({ maxEntries, maxBytes });
    this.now = options.now ?? Date.now;
    this.writes = new BatchWriter({
      name: 'response cache',
      write: (rows) => options.repository.upsertMany(rows),
      logger: options.logger,
      flushIntervalMs: 500,
      batchSize: 50,
      // Answers can be large: when the database is down, memory keeps serving and the oldest writes go.
      maxQueued: 500,
    });
    this.purgeTimer = setInterval(() => void this.purge(), purgeIntervalMs);
    this.purgeTimer.unref();
    // Another process cleared the cache: what this one promoted to memory goes too.
    options.shared?.onClear(() => this.memory.clear());
  }

  /** Settings changed: the memory bounds follow. */
  resize(settings: CacheSettings): void {
    this.memory.resize({ maxEntries: settings.maxEntries, maxBytes: settings.maxBytes });
  }

  async lookup({ key }: CacheLookup): Promise<CachedAnswer | undefined> {
    const now = this.now();
    const cached = this.memory.get(key);
    if (cached !== undefined) {
      if (cached.expiresAt > now) return cached.answer;
      this.memory.delete(key);
    }
    const shared = await this.options.shared?.get(key);
    const sharedAnswer = shared === undefined ? undefined : parseAnswer(shared.text);
    if (shared !== undefined && sharedAnswer !== undefined) {
      this.memory.set(key, { answer: sharedAnswer, expiresAt: now + shared.ttlMs }, shared.text.length);
      return sharedAnswer;
    }
    if (!this.options.settings().persist) return undefined;
    const row = await this.options.repository.get(key, now);
    const answer = row === undefined ? undefined : parseAnswer(row.answer);
    if (row === undefined || answer === undefined) return undefined;
    this.memory.set(key, { answer, expiresAt: Number(row.expires_at) }, Number(row.bytes));
    return answer;
  }

  store({ key }: CacheLookup, answer: CachedAnswer): void {
    const settings = this.options.settings();
    const now = this.now();
    const expiresAt = now + settings.ttlSeconds * 1000;
    const text = serializeAnswer(answer);
    // UTF-16 length is a fair and cheap weight; exact bytes would cost a second pass over the text.
    const bytes = text.length;
    this.memory.set(key, { answer, expiresAt }, bytes);
    this.options.shared?.set(key, text, expiresAt - now);
    if (settings.persist) this.writes.enqueue({ key, answer: text, bytes, created_at: now, expires_at: expiresAt });
  }

  async clear(): Promise<void> {
    this.memory.clear();
    await this.writes.flush();
    await this.options.repository.clear();
    await this.options.shared?.clear();
  }

  async stats(): Promise<Record<string, number>> {
    await this.writes.flush();
    const stored = await this.options.repository.count(this.now());
    return {
      memorySize: this.memory.size,
      memoryMaxSize: this.memory.maxEntries,
      memoryBytes: this.memory.bytes,
      dbSize: stored.entries,
      dbBytes: stored.bytes,
    };
  }

  async purge(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const deleted = await this.options.repository.deleteExpired(this.now(), purgeBatch);
        total += deleted;
        if (deleted < purgeBatch) break;
      }
    } catch (error) {
      this.options.logger.error({ err: error }, 'purging expired cache entries failed');
    }
    return total;
  }

  async close(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.writes.close();
  }
}
