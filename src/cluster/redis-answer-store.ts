import type { SharedAnswerStore, SharedTierStats } from '../cache/shared-answer-store.js';
import type { Logger } from '../observability/logger.js';
import { listenOn } from './redis-channel.js';
import type { RedisLink } from './redis-link.js';
import { countPrefixed, unlinkPrefixed } from './scan-keys.js';

const clearMessage = 'clear';
/** The stats count stops here: SCAN walks the whole keyspace, and stats must stay cheap. */
const countCap = 10_000;

/**
 * The response cache's shared tier in Redis: one string key per answer (`<prefix>cache:<sha256 key>`) expiring with
 * its TTL. Reads are one round trip (GET and PTTL pipelined); writes are not awaited; an unreachable Redis is a miss.
 * `clear` deletes the entries and announces it, so every process also drops what it promoted to memory.
 */
export class RedisAnswerStore implements SharedAnswerStore {
  private readonly keyPrefix: string;
  private readonly channel: string;
  private readonly clearListeners: Array<() => void> = [];

  constructor(
    private readonly link: RedisLink,
    private readonly logger: Logger,
  ) {
    this.keyPrefix = link.key('cache:');
    this.channel = link.key('cache');
    listenOn(
      link,
      this.channel,
      (message) => {
        if (message === clearMessage) for (const listener of this.clearListeners) listener();
      },
      logger,
    );
  }

  async get(key: string): Promise<{ text: string; ttlMs: number } | undefined> {
    if (!this.link.isUp) return undefined;
    try {
      const results = await this.link.commands
        .pipeline()
        .get(this.keyPrefix + key)
        .pttl(this.keyPrefix + key)
        .exec();
      const [text, ttlMs] = (results ?? []).map(([error, value]) => (error === null ? value : undefined));
      // PTTL is negative for a key that is gone (or has no expiry, which this store never writes).
      return typeof text === 'string' && typeof ttlMs === 'number' && ttlMs > 0 ? { text, ttlMs } : undefined;
    } catch (error) {
      this.logger.debug({ err: error }, 'reading the shared response cache failed');
      return undefined;
    }
  }

  set(key: string, text: string, ttlMs: number): void {
    if (!this.link.isUp || ttlMs <= 0) return;
    this.link.commands
      .set(this.keyPrefix + key, text, 'PX', ttlMs)
      .catch((error: unknown) => this.logger.debug({ err: error }, 'writing the shared response cache failed'));
  }

  async clear(): Promise<void> {
    if (!this.link.isUp) return;
    try {
      await unlinkPrefixed(this.link.commands, this.keyPrefix);
      await this.link.commands.publish(this.channel, clearMessage);
    } catch (error) {
      this.logger.warn({ err: error }, 'clearing the shared response cache in Redis failed');
    }
  }

  onClear(listener: () => void): void {
    this.clearListeners.push(listener);
  }

  async stats(): Promise<SharedTierStats> {
    const status = this.link.status;
    if (!this.link.isUp) return { backend: 'redis', status };
    try {
      const { count, capped } = await countPrefixed(this.link.commands, this.keyPrefix, countCap);
      return { backend: 'redis', status, entries: count, entriesCapped: capped };
    } catch {
      return { backend: 'redis', status };
    }
  }
}
