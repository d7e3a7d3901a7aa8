import { GatewayError } from '../../core/errors.js';

export interface LimiterOptions {
  /** Requests running at once per connection; 0 = unlimited. */
  maxConcurrent: number;
  /** Requests waiting per connection beyond that; 0 = reject at once when all slots are taken. */
  maxQueue: number;
  queueTimeoutMs: number;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (reason: unknown) => void;
  enqueuedAt: number;
  timer: NodeJS.Timeout;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface Lane {
  active: number;
  /** FIFO: the longest waiter gets the next free slot. */
  queue: Waiter[];
}

/**
 * Per-connection concurrency cap with a bounded FIFO queue (spec §3, original §6.8). It protects one account from
 * more parallel requests than its plan allows; queue full and wait timeouts become coded errors the classifier
 * treats as "try the next account" without penalising this one.
 */
export class ConnectionLimiter {
  private options: LimiterOptions;
  private readonly now: () => number;
  /** Only connections with running or waiting requests have a lane. */
  private readonly lanes = new Map<string, Lane>();

  constructor(options: LimiterOptions & { now?: () => number }) {
    const { maxConcurrent, maxQueue, queueTimeoutMs, now = Date.now } = options;
    this.options = { maxConcurrent, maxQueue, queueTimeoutMs };
    this.now = now;
  }

  /** A raised or removed cap admits waiters at once; a lowered one lets running requests finish. */
  configure(options: LimiterOptions): void {
    const { maxConcurrent, maxQueue, queueTimeoutMs } = options;
    this.options = { maxConcurrent, maxQueue, queueTimeoutMs };
    for (const [connectionId, lane] of [...this.lanes]) this.drain(connectionId, lane);
  }

  /**
   * Resolves with a release function once the request may run. Call it exactly when the request is over (calling it
   * again is harmless). The fast path allocates only the returned promise and the release closure (plus a lane
   * record when the connection was idle): it runs on every request.
   */
  acquire(connectionId: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const { maxConcurrent, maxQueue, queueTimeoutMs } = this.options;
    let lane = this.lanes.get(connectionId);
    if (lane === undefined) {
      lane = { active: 0, queue: [] };
      this.lanes.set(connectionId, lane);
    }
    if (lane.queue.length === 0 && (maxConcurrent === 0 || lane.active < maxConcurrent)) {
      lane.active += 1;
      return Promise.resolve(this.releaser(connectionId, lane));
    }
    if (lane.queue.length >= maxQueue) {
      return Promise.reject(
        new GatewayError(
          'queue_full',
          `Account ${connectionId} has ${lane.active} requests running and ${lane.queue.length} waiting (queue full).`,
          { retryAfterSeconds: 1 },
        ),
      );
    }
    return this.enqueue(connectionId, lane, queueTimeoutMs, signal);
  }

  /** Connections with running or waiting requests. */
  stats(): Array<{ connectionId: string; active: number; queued: number }> {
    return [...this.lanes].map(([connectionId, lane]) => ({
      connectionId,
      active: lane.active,
      queued: lane.queue.length,
    }));
  }

  depth(connectionId: string): { active: number; queued: number } {
    const lane = this.lanes.get(connectionId);
    return { active: lane?.active ?? 0, queued: lane?.queue.length ?? 0 };
  }

  private enqueue(
    connectionId: string,
    lane: Lane,
    queueTimeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<() => void> {
    return new Promise<() => void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        enqueuedAt: this.now(),
        signal,
        onAbort: undefined,
        timer: setTimeout(() => {
          this.remove(connectionId, lane, waiter);
          const waitedMs = this.now() - waiter.enqueuedAt;
          reject(
            new GatewayError(
              'queue_timeout',
              `Account ${connectionId} had no free slot after ${waitedMs} ms (${lane.active} running, queue timeout).`,
              // Slots freed up slower than one full wait, so retrying sooner would most likely time out again.
              { retryAfterSeconds: Math.max(1, Math.ceil(queueTimeoutMs / 1000)) },
            ),
          );
        }, queueTimeoutMs),
      };
      // A waiting request must not keep the process alive on shutdown.
      waiter.timer.unref();
      if (signal !== undefined) {
        waiter.onAbort = () => {
          this.remove(connectionId, lane, waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      lane.queue.push(waiter);
    });
  }

  private releaser(connectionId: string, lane: Lane): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lane.active -= 1;
      this.drain(connectionId, lane);
    };
  }

  /** Hands free slots to waiters in arrival order, and drops the lane once it is idle. */
  private drain(connectionId: string, lane: Lane): void {
    const { maxConcurrent } = this.options;
    while (lane.queue.length > 0 && (maxConcurrent === 0 || lane.active < maxConcurrent)) {
      const waiter = lane.queue.shift()!;
      this.detach(waiter);
      lane.active += 1;
      waiter.resolve(this.releaser(connectionId, lane));
    }
    this.dropIfIdle(connectionId, lane);
  }

  private remove(connectionId: string, lane: Lane, waiter: Waiter): void {
    const index = lane.queue.indexOf(waiter);
    if (index !== -1) lane.queue.splice(index, 1);
    this.detach(waiter);
    this.dropIfIdle(connectionId, lane);
  }

  private detach(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    if (waiter.onAbort !== undefined) waiter.signal?.removeEventListener('abort', waiter.onAbort);
  }

  private dropIfIdle(connectionId: string, lane: Lane): void {
    if (lane.active === 0 && lane.queue.length === 0 && this.lanes.get(connectionId) === lane) {
      this.lanes.delete(connectionId);
    }
  }
}
