import type { Logger } from '../observability/logger.js';

const dayMs = 24 * 60 * 60 * 1000;

/** Deletes up to `limit` rows created before `cutoff` (unix ms); returns how many went. */
export type DeleteOlderThan = (cutoff: number, limit: number) => Promise<number>;

export interface RetentionPurgeOptions {
  /** What is purged, for the log lines ('request logs', 'audit log'). */
  what: string;
  /** The main table first (its count is what `purge` returns), then tables holding its dependents (bodies). */
  tables: readonly [DeleteOlderThan, ...DeleteOlderThan[]];
  logger: Logger;
  /** The current retention setting in days (0 keeps everything). */
  retentionDays: () => number;
  /** Rows per DELETE: SQLite runs each statement synchronously, so a batch must stay short (a few ms). */
  batchSize?: number;
  intervalMs?: number;
  /** Delay of the first purge after start, so start-up itself stays quick. */
  firstRunDelayMs?: number;
  now?: () => number;
}

/**
 * Keeps a time-stamped log to `retentionDays`: purged once a day (and shortly after start) and on demand. Deletes go
 * in small batches with a yield to the event loop between them, so purging a huge log never stalls requests.
 */
export class RetentionPurge {
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly firstRunDelayMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly options: RetentionPurgeOptions) {
    const { batchSize = 2000, intervalMs = dayMs, firstRunDelayMs = 60_000, now = Date.now } = options;
    this.batchSize = batchSize;
    this.intervalMs = intervalMs;
    this.firstRunDelayMs = firstRunDelayMs;
    this.now = now;
  }

  start(): void {
    const run = () => {
      const days = this.options.retentionDays();
      if (days <= 0) return;
      this.purge(days).catch((error: unknown) =>
        this.options.logger.error({ err: error }, `purging ${this.options.what} failed`),
      );
    };
    this.timer = setTimeout(() => {
      run();
      this.timer = setInterval(run, this.intervalMs);
      this.timer.unref();
    }, this.firstRunDelayMs);
    this.timer.unref();
  }

  /** Waits for a purge in progress, so closing the database never cuts one in half. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Deletes rows created more than `olderThanDays` ago; returns how many rows of the main table went. */
  async purge(olderThanDays: number): Promise<number> {
    // One purge at a time: a manual purge during the daily one waits for it, then runs its own cutoff.
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.deleteBefore(this.now() - olderThanDays * dayMs).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deleteBefore(cutoff: number): Promise<number> {
    const [main, ...dependents] = this.options.tables;
    const deleted = await this.drain(main, cutoff);
    for (const table of dependents) await this.drain(table, cutoff);
    if (deleted > 0) {
      this.options.logger.info({ deleted, cutoff: new Date(cutoff).toISOString() }, `purged old ${this.options.what}`);
    }
    return deleted;
  }

  private async drain(table: DeleteOlderThan, cutoff: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const count = await table(cutoff, this.batchSize);
      deleted += count;
      if (count < this.batchSize) return deleted;
      await yieldToEventLoop();
    }
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
