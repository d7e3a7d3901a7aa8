import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** Two-key advisory locks live apart from one-key ones (the migration lock); this first key names their use. */
const lockSpace = 20129;

/**
 * Named cross-process locks: session-level advisory locks taken with `pg_try_advisory_lock` (polled, capped backoff)
 * on one connection of their own. Holding a pooled connection for the whole work instead would starve the pool: the
 * work needs connections too, and with as many lock holders as pool slots nothing could go on. A lock dies with its
 * session, so a process that crashes or loses the connection frees its locks. A session holds a lock re-entrantly:
 * callers in one process serialize themselves (the token manager's per-connection lock does).
 */
export class PostgresAdvisoryLocks {
  private client: Promise<pg.Client> | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    /** Waiting gives up after this long (a holder stuck that long is not coming back soon). */
    private readonly waitMs = 60_000,
  ) {}

  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const client = await this.connect();
    const deadline = Date.now() + this.waitMs;
    for (let delayMs = 20; ; delayMs = Math.min(250, delayMs * 2)) {
      const { rows } = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock($1, hashtext($2)) as locked',
        [lockSpace, name],
      );
      if (rows[0]?.locked === true) break;
      if (Date.now() >= deadline) throw new Error(`another process has held the lock '${name}' for too long`);
      await sleep(delayMs);
    }
    try {
      return await work();
    } finally {
      // A lost connection already released it (the session ended).
      await client.query('select pg_advisory_unlock($1, hashtext($2))', [lockSpace, name]).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    if (this.client !== undefined) return this.client;
    const client = new pg.Client({ connectionString: this.url });
    const connecting = client.connect().then(() => client);
    const forget = () => {
      if (this.client === connecting) this.client = undefined;
    };
    // A lost connection took its locks with it; the next run connects again.
    client.on('error', forget);
    client.on('end', forget);
    connecting.catch(forget);
    this.client = connecting;
    return connecting;
  }
}
