import type { Logger } from '../observability/logger.js';
import type { RequestLogBodiesRepository } from '../storage/repositories/request-log-bodies-repository.js';
import type { RequestLogsRepository } from '../storage/repositories/request-logs-repository.js';

const dayMs = 24 * 60 * 60 * 1000;

export interface RequestLogRetentionOptions {
  logs: RequestLogsRepository;
  bodies: RequestLogBodiesRepository;
  logger: Logger;
  /** The current `requestLogs.retentionDays` setting (0 keeps everything). */
  retentionDays: () => number;
  /** Rows per DELETE: SQLite runs each statement synchronously, so a batch must stay short (a few ms). */
  batchSize?: number;
  intervalMs?: number;
  /** Delay of the first purge after start, so start-up itself stays quick. */
  firstRunDelayMs?: number;
  now?: () => number;
}

/**
 * Keeps the request log to `retentionDays`: purged once a day (and shortly after start) and on demand. Deletes go
 * in small batches with a yield to the event loop between them, so purging a huge log never stalls requests.
 */
export class RequestLogRetention {
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly firstRunDelayMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly options: RequestLogRetentionOptions) {
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
        this.options.logger.error({ err: error }, 'purging request logs failed'),
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

  /** Deletes rows (and stored bodies) created more than `olderThanDays` ago; returns how many rows went. */
  async purge(olderThanDays: number): Promise<number> {
    // One purge at a time: a manual purge during the daily one waits for it, then runs its own cutoff.
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.deleteBefore(this.now() - olderThanDays * dayMs).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deleteBefore(cutoff: number): Promise<number> {
    const { logs, bodies, logger } = this.options;
    let deleted = 0;
    for (;;) {
      const count = await logs.deleteOlderThan(cutoff, this.batchSize);
      deleted += count;
      if (count < this.batchSize) break;
      await yieldToEventLoop();
    }
    while ((await bodies.deleteOlderThan(cutoff, this.batchSize)) === this.batchSize) await yieldToEventLoop();
    if (deleted > 0) logger.info({ deleted, cutoff: new Date(cutoff).toISOString() }, 'purged old request logs');
    return deleted;
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
