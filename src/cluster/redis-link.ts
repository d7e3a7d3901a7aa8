import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';

export type RedisStatus = 'connecting' | 'up' | 'down';

/**
 * The gateway's connection to Redis (`REDIS_URL`): one client for commands, one for subscriptions. Commands fail
 * fast while Redis is away (no offline queue, short timeouts), so callers fall back to local state instead of
 * waiting; an outage and the return are logged loudly, and `onUp` listeners resynchronise.
 */
export class RedisLink {
  readonly commands: Redis;
  readonly subscriber: Redis;
  private current: RedisStatus = 'connecting';
  private readonly upListeners: Array<() => void> = [];
  private downSince: number | undefined;

  constructor(
    readonly url: string,
    private readonly logger: Logger,
    /** Prefix of every key and channel this gateway uses (`REDIS_PREFIX`). */
    readonly prefix = 'omniroute:',
  ) {
    const options = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      connectTimeout: 3000,
      // Reconnect forever, backing off to 5 s: Redis coming back must be noticed without a restart.
      retryStrategy: (attempt: number) => Math.min(5000, 100 * 2 ** Math.min(attempt, 6)),
    };
    // Commands issued in one event-loop tick leave in one write (a request's release and budget settlement, and
    // concurrent requests' admissions): socket writes are a large share of what the Redis path costs.
    this.commands = new Redis(url, { ...options, enableAutoPipelining: true });
    this.subscriber = new Redis(url, { ...options, commandTimeout: undefined });
    for (const client of [this.commands, this.subscriber]) {
      client.on('ready', () => this.refresh());
      client.on('end', () => this.refresh());
      client.on('close', () => this.refresh());
      // Errors are reported through the status change; ioredis would otherwise print each reconnect attempt.
      client.on('error', () => this.refresh());
    }
  }

  /** A key or channel name under this gateway's prefix. */
  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  get status(): RedisStatus {
    return this.current;
  }

  get isUp(): boolean {
    return this.current === 'up';
  }

  /** Called each time Redis becomes reachable (the first time and after every outage). */
  onUp(listener: () => void): void {
    this.upListeners.push(listener);
  }

  /** Connects both clients; resolves even when Redis is down (the gateway serves with local state meanwhile). */
  async connect(): Promise<void> {
    await Promise.allSettled([this.commands.connect(), this.subscriber.connect()]);
    this.refresh();
  }

  async close(): Promise<void> {
    this.upListeners.length = 0;
    await Promise.allSettled([this.commands.quit(), this.subscriber.quit()]);
    this.commands.disconnect();
    this.subscriber.disconnect();
  }

  /** For health: where (password hidden) and since when it is down. */
  describe(): { status: RedisStatus; url: string; downSince: string | null } {
    const url = new URL(this.url);
    if (url.password !== '') url.password = '***';
    return {
      status: this.current,
      url: url.toString(),
      downSince: this.downSince === undefined ? null : new Date(this.downSince).toISOString(),
    };
  }

  private refresh(): void {
    const next: RedisStatus =
      this.commands.status === 'ready' && this.subscriber.status === 'ready'
        ? 'up'
        : this.current === 'connecting' && ['connecting', 'connect', 'wait'].includes(this.commands.status)
          ? 'connecting'
          : 'down';
    if (next === this.current) return;
    const previous = this.current;
    this.current = next;
    if (next === 'down') {
      this.downSince = Date.now();
      this.logger.error(
        { redis: this.describe().url },
        'Redis is unavailable: serving with this process’s local state (limits and cooldowns are per process) until it returns',
      );
      return;
    }
    if (next === 'up') {
      if (previous === 'down') this.logger.warn({ redis: this.describe().url }, 'Redis is back: resynchronising');
      this.downSince = undefined;
      for (const listener of this.upListeners) listener();
    }
  }
}
