import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type CachedAnswer, parseAnswer, serializeAnswer } from '../cache/cached-answer.js';
import {
  type IdempotencyClaim,
  type IdempotencyStore,
  type LocalIdempotencyStore,
  maxIdempotencyWaitMs,
} from '../cache/idempotency-store.js';
import type { Logger } from '../observability/logger.js';
import { listenOn } from './redis-channel.js';
import type { RedisLink } from './redis-link.js';
import { RedisScript } from './redis-script.js';
import { unlinkPrefixed } from './scan-keys.js';

/** Marks a key whose first request is still running (followed by a per-claim id, so only its owner deletes it). */
const runningPrefix = 'running:';
const clearMessage = '*clear';

/**
 * One round trip: take the key (nil), or read who holds it (a running marker or the stored answer). Atomic, so
 * two processes can never both be first.
 */
const claimScript = new RedisScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])`);

/** A failed first request: forget the key (if still its own marker) and wake the waiters, in one round trip. */
const failScript = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[2], KEYS[1])
return 1`);

/**
 * Idempotency shared by every gateway process through Redis. The first request of a key anywhere runs: `SET NX`
 * with a running marker that expires after `maxRunMs` (a crashed process's marker goes by itself); its answer is
 * stored for the window and announced on a channel, so a repeat waiting on any process wakes at once (it also polls,
 * in case a message was missed); a failure deletes the key and announces that too, so repeats run on their own.
 * The local store stays in front: twins within one process wait on one local flight (one Redis waiter per key per
 * process) and a replay within the window costs no round trip. Redis down: the local store alone decides.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly backend = 'redis';
  private readonly redis: Redis;
  private readonly channel: string;
  private readonly keyPrefix: string;
  /** Repeats on this process waiting for another process's first request, by Redis key. */
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(
    private readonly options: {
      link: RedisLink;
      local: LocalIdempotencyStore;
      windowMs: () => number;
      logger: Logger;
      /** How long a first request may run before its key is free again (the longest a repeat waits for it). */
      maxRunMs?: number;
      /** How often a waiting repeat checks the key, besides being woken by the channel. */
      pollMs?: number;
    },
  ) {
    const { link, logger } = options;
    this.redis = link.commands;
    this.channel = link.key('idempotency');
    this.keyPrefix = link.key('idempotency:');
    listenOn(link, this.channel, (message) => this.receive(message), logger);
  }

  get activeKeys(): number {
    return this.options.local.activeKeys;
  }

  async claim(key: string): Promise<IdempotencyClaim | undefined> {
    const local = this.options.local.claimNow(key);
    if (local?.kind !== 'first' || !this.options.link.isUp) return local;
    const redisKey = this.keyPrefix + createHash('sha256').update(key).digest('hex');
    const marker = runningPrefix + randomUUID();
    let holder: unknown;
    try {
      holder = await claimScript.run(this.redis, [redisKey], [marker, this.options.maxRunMs ?? maxIdempotencyWaitMs]);
    } catch (error) {
      this.options.logger.debug({ err: error }, 'idempotency claim through Redis failed: deciding locally');
      return local;
    }
    if (holder === null) {
      return {
        kind: 'first',
        finish: (answer) => {
          local.finish(answer);
          this.publishOutcome(redisKey, marker, answer);
        },
      };
    }
    // Another process ran or runs it: this process's twins wait on the local claim, settled with that outcome.
    if (typeof holder !== 'string') return local;
    const answer = holder.startsWith(runningPrefix)
      ? this.waitForOther(redisKey)
      : Promise.resolve(parseAnswer(holder));
    void answer.then((outcome) => local.finish(outcome));
    return { kind: 'repeat', answer };
  }

  async clear(): Promise<void> {
    await this.options.local.clear();
    if (!this.options.link.isUp) return;
    try {
      await unlinkPrefixed(this.redis, this.keyPrefix);
      await this.redis.publish(this.channel, clearMessage);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'clearing idempotency keys in Redis failed');
    }
  }

  /** Fire-and-forget: the request's answer is already on its way; a lost write only costs a repeat its replay. */
  private publishOutcome(redisKey: string, marker: string, answer: CachedAnswer | undefined): void {
    const windowMs = this.options.windowMs();
    const written =
      answer === undefined || windowMs === 0
        ? failScript.run(this.redis, [redisKey], [marker, this.channel])
        : this.redis
            .multi()
            .set(redisKey, serializeAnswer(answer), 'PX', windowMs)
            .publish(this.channel, redisKey)
            .exec();
    written.catch((error: unknown) => this.options.logger.debug({ err: error }, 'storing an idempotent answer failed'));
  }

  /** The other process's outcome: its answer, or undefined once it failed, its marker expired or Redis failed. */
  private waitForOther(redisKey: string): Promise<CachedAnswer | undefined> {
    const { pollMs = 250, maxRunMs = maxIdempotencyWaitMs } = this.options;
    const startedAt = Date.now();
    return new Promise((resolve) => {
      let settled = false;
      const settle = (answer: CachedAnswer | undefined) => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        const waiting = this.waiters.get(redisKey);
        waiting?.delete(check);
        if (waiting?.size === 0) this.waiters.delete(redisKey);
        resolve(answer);
      };
      const check = () => {
        this.redis.get(redisKey).then(
          (value) => {
            if (value === null) settle(undefined);
            else if (!value.startsWith(runningPrefix)) settle(parseAnswer(value));
            else if (Date.now() - startedAt >= maxRunMs) settle(undefined);
          },
          () => settle(undefined),
        );
      };
      const timer = setInterval(check, pollMs);
      timer.unref();
      const waiting = this.waiters.get(redisKey) ?? new Set();
      waiting.add(check);
      this.waiters.set(redisKey, waiting);
    });
  }

  private receive(message: string): void {
    if (message === clearMessage) {
      void this.options.local.clear();
      return;
    }
    for (const check of this.waiters.get(message) ?? []) check();
  }
}
