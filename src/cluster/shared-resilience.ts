import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { RedisLink } from './redis-link.js';
import { applyChanges, diffEntries, type EntryMap, fromEntries, toEntries } from './resilience-entries.js';

interface ChangeMessage {
  origin: string;
  changes: Array<[string, string | null]>;
}

/**
 * Shares cooldowns, circuit breakers and model lockouts between gateway processes through Redis. Requests keep
 * reading the local, in-memory state (no Redis call on the request path); every `intervalMs` this process publishes
 * the entries it changed (a hash holds the current shared state, a channel announces changes) and applies what
 * others published. Redis away: each process goes on with its own state; on return it loads the shared state, and
 * its own changes since then are published on the next tick.
 */
export class SharedResilience {
  private readonly origin = randomUUID();
  /** The shared state as this process last saw it: changes are measured against it. */
  private shared: EntryMap = new Map();
  private timer: NodeJS.Timeout | undefined;
  private publishing: Promise<void> | undefined;
  /** A hash holds the current shared state; a channel (same name) announces changes. */
  private readonly hashKey: string;
  private readonly channel: string;

  constructor(
    private readonly runtime: RoutingRuntime,
    private readonly link: RedisLink,
    private readonly logger: Logger,
  ) {
    this.hashKey = link.key('resilience');
    this.channel = this.hashKey;
  }

  async start(intervalMs = 200): Promise<void> {
    this.link.subscriber.on('message', (from: string, text: string) => {
      if (from === this.channel) this.receive(text);
    });
    this.link.onUp(() => {
      this.resynchronise().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'loading shared resilience state failed'),
      );
    });
    if (this.link.isUp) await this.resynchronise();
    this.timer = setInterval(() => {
      this.publishing ??= this.publish()
        .catch((error: unknown) => this.logger.debug({ err: error }, 'publishing resilience state failed'))
        .finally(() => {
          this.publishing = undefined;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.publishing;
    await this.publish().catch(() => undefined);
  }

  /** Publishes what changed locally since the shared state was last seen. */
  private async publish(): Promise<void> {
    if (!this.link.isUp) return;
    const local = toEntries(this.runtime.toJSON());
    const changes = diffEntries(this.shared, local);
    if (changes.length === 0) return;
    const multi = this.link.commands.multi();
    for (const [key, value] of changes) {
      if (value === null) multi.hdel(this.hashKey, key);
      else multi.hset(this.hashKey, key, value);
    }
    const message: ChangeMessage = { origin: this.origin, changes };
    multi.publish(this.channel, JSON.stringify(message));
    await multi.exec();
    this.shared = local;
  }

  private receive(text: string): void {
    let message: ChangeMessage;
    try {
      message = JSON.parse(text) as ChangeMessage;
    } catch {
      return;
    }
    if (message.origin === this.origin || !Array.isArray(message.changes)) return;
    const changes = message.changes.filter(
      (change): change is [string, string | null] =>
        Array.isArray(change) && typeof change[0] === 'string' && (typeof change[1] === 'string' || change[1] === null),
    );
    for (const [key, value] of changes) {
      if (value === null) this.shared.delete(key);
      else this.shared.set(key, value);
    }
    applyChanges(this.runtime, changes);
    this.runtime.dirty = true;
  }

  /** After (re)connecting: the shared state wins for every entry it has; local-only entries are published next. */
  private async resynchronise(): Promise<void> {
    await this.link.subscriber.subscribe(this.channel);
    const stored = await this.link.commands.hgetall(this.hashKey);
    const shared: EntryMap = new Map(Object.entries(stored));
    const local = toEntries(this.runtime.toJSON());
    for (const [key, value] of shared) local.set(key, value);
    this.runtime.restore(fromEntries(local));
    this.shared = shared;
  }
}
