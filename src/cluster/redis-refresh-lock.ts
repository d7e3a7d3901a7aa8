import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError } from '../core/errors.js';
import type { RefreshLock } from '../oauth/refresh-lock.js';
import type { RedisLink } from './redis-link.js';
import { RedisScript } from './redis-script.js';

/** Deletes the lock only if this holder still owns it: after its expiry another process may hold it. */
const releaseScript = new RedisScript(
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
);

export interface RedisRefreshLockOptions {
  link: RedisLink;
  /** Used while Redis is away (the database's lock, or none on SQLite). */
  fallback: RefreshLock;
  /** The lock expires on its own after this long (a holder that died), and waiting gives up after it too. */
  holdMs?: number;
}

/**
 * The refresh lock through Redis: `SET key token NX PX holdMs`, polled with a capped backoff while another process
 * holds it, released by a token-checked delete. Redis down or failing: the fallback lock at once, never a wait.
 */
export class RedisRefreshLock implements RefreshLock {
  private readonly link: RedisLink;
  private readonly fallback: RefreshLock;
  private readonly holdMs: number;

  // Two OAuth token calls of up to 30 s each (oauth-http.ts) fit in the default hold.
  constructor({ link, fallback, holdMs = 60_000 }: RedisRefreshLockOptions) {
    this.link = link;
    this.fallback = fallback;
    this.holdMs = holdMs;
  }

  async run<T>(connectionId: string, work: () => Promise<T>): Promise<T> {
    if (!this.link.isUp) return this.fallback.run(connectionId, work);
    const key = this.link.key(`oauth-refresh:${connectionId}`);
    const token = randomUUID();
    let acquired: boolean;
    try {
      acquired = await this.acquire(key, token);
    } catch {
      return this.fallback.run(connectionId, work);
    }
    if (!acquired) {
      throw new GatewayError(
        'upstream_unreachable',
        'Another gateway process has been refreshing this token too long.',
      );
    }
    try {
      return await work();
    } finally {
      // A failed release only means the lock expires on its own after holdMs.
      await releaseScript.run(this.link.commands, [key], [token]).catch(() => undefined);
    }
  }

  private async acquire(key: string, token: string): Promise<boolean> {
    const deadline = Date.now() + this.holdMs;
    for (let delayMs = 20; ; delayMs = Math.min(250, delayMs * 2)) {
      if ((await this.link.commands.set(key, token, 'PX', this.holdMs, 'NX')) === 'OK') return true;
      if (Date.now() >= deadline) return false;
      await sleep(delayMs);
    }
  }
}
