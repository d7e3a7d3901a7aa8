import type { Logger } from '../observability/logger.js';
import { BatchWriter } from '../storage/batch-writer.js';
import type {
  NewRequestLogBodyRow,
  RequestLogBodiesRepository,
} from '../storage/repositories/request-log-bodies-repository.js';
import type { NewRequestLogRow, RequestLogsRepository } from '../storage/repositories/request-logs-repository.js';

export interface RequestLogWriterOptions {
  repository: RequestLogsRepository;
  /** Where detailed-logging bodies go; without it bodies are dropped. */
  bodies?: RequestLogBodiesRepository;
  logger: Logger;
  /** Flush at least this often. */
  flushIntervalMs?: number;
  /** Flush as soon as this many rows wait. */
  batchSize?: number;
  /** Beyond this many waiting rows (storage down), the oldest are dropped and counted, never unbounded memory. */
  maxQueued?: number;
}

/** One finished request as subscribers (metrics, telemetry) see it. */
export interface LoggedRequest {
  row: NewRequestLogRow;
  /** Total time minus upstream time, unrounded; undefined when no upstream was called. */
  gatewayMs?: number;
}

export type LoggedRequestListener = (batch: readonly LoggedRequest[]) => void;

/**
 * Request-log rows are queued in memory and written in batches off the request path: a request never waits on a
 * database write. `close()` flushes what is queued, so a graceful shutdown loses nothing. Subscribers (metrics,
 * telemetry) get the same requests in batches at each flush, so the request path only pays for an array push.
 */
export class RequestLogWriter extends BatchWriter<NewRequestLogRow> {
  private readonly bodies: BatchWriter<NewRequestLogBodyRow> | undefined;
  private readonly listeners: LoggedRequestListener[] = [];
  private unpublished: LoggedRequest[] = [];
  private readonly log: Logger;

  constructor({ repository, bodies, ...options }: RequestLogWriterOptions) {
    super({ name: 'request logs', write: (rows) => repository.insertMany(rows), ...options });
    this.log = options.logger;
    // Bodies can be large (up to maxBodyBytes each): a short queue, given up first when storage is down.
    this.bodies =
      bodies === undefined
        ? undefined
        : new BatchWriter({
            name: 'request bodies',
            write: (rows) => bodies.insertMany(rows),
            logger: options.logger,
            flushIntervalMs: options.flushIntervalMs,
            batchSize: 50,
            maxQueued: 500,
          });
  }

  override enqueue(row: NewRequestLogRow, extras: { gatewayMs?: number; body?: NewRequestLogBodyRow } = {}): void {
    if (this.listeners.length > 0) this.unpublished.push({ row, gatewayMs: extras.gatewayMs });
    if (extras.body !== undefined) this.bodies?.enqueue(extras.body);
    super.enqueue(row);
  }

  /** Subscribers see every request exactly once, in order, whatever happens to the database write. */
  subscribe(listener: LoggedRequestListener): void {
    this.listeners.push(listener);
  }

  /** Hands the requests enqueued so far to subscribers, synchronously: call before reading what they aggregate. */
  publish(): void {
    if (this.unpublished.length === 0) return;
    const batch = this.unpublished;
    this.unpublished = [];
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.log.error({ err: error }, 'a request-log subscriber failed');
      }
    }
  }

  override async flush(): Promise<void> {
    this.publish();
    await super.flush();
    await this.bodies?.flush();
  }

  override async close(): Promise<void> {
    this.publish();
    await super.close();
    await this.bodies?.close();
  }
}
