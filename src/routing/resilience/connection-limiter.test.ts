import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { ConnectionLimiter, type LimiterOptions } from './connection-limiter.js';

function limiter(options: Partial<LimiterOptions> = {}) {
  return new ConnectionLimiter({ maxConcurrent: 2, maxQueue: 2, queueTimeoutMs: 1000, ...options });
}

/** Tracks whether a promise has settled without awaiting it. */
function observe<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('ConnectionLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs requests at once while under the cap', async () => {
    const limits = limiter();
    await limits.acquire('a');
    await limits.acquire('a');
    expect(limits.depth('a')).toEqual({ active: 2, queued: 0 });
    expect(limits.depth('b')).toEqual({ active: 0, queued: 0 });
  });

  it('never queues when unlimited, but still counts running requests', async () => {
    const limits = limiter({ maxConcurrent: 0, maxQueue: 0 });
    const releases = await Promise.all(Array.from({ length: 50 }, () => limits.acquire('a')));
    expect(limits.depth('a')).toEqual({ active: 50, queued: 0 });
    for (const release of releases) release();
    expect(limits.stats()).toEqual([]);
  });

  it('queues beyond the cap and hands freed slots out in arrival order', async () => {
    const limits = limiter({ maxQueue: 5 });
    const first = await limits.acquire('a');
    await limits.acquire('a');
    const order: string[] = [];
    const waiting = ['x', 'y', 'z'].map(async (name) => {
      const release = await limits.acquire('a');
      order.push(name);
      return release;
    });
    expect(limits.depth('a')).toEqual({ active: 2, queued: 3 });
    first();
    await flush();
    expect(order).toEqual(['x']);
    (await waiting[0])?.();
    await flush();
    expect(order).toEqual(['x', 'y']);
    expect(limits.depth('a')).toEqual({ active: 2, queued: 1 });
  });

  it('keeps connections independent', async () => {
    const limits = limiter({ maxConcurrent: 1 });
    await limits.acquire('a');
    const other = observe(limits.acquire('b'));
    await flush();
    expect(other.settled).toBe(true);
  });

  it('makes release idempotent so a double release cannot admit an extra request', async () => {
    const limits = limiter({ maxConcurrent: 1 });
    const release = await limits.acquire('a');
    const second = observe(limits.acquire('a'));
    const third = observe(limits.acquire('a'));
    release();
    release();
    await flush();
    expect(second.settled).toBe(true);
    expect(third.settled).toBe(false);
    expect(limits.depth('a')).toEqual({ active: 1, queued: 1 });
  });

  it('rejects with queue_full when the queue is full', async () => {
    const limits = limiter({ maxConcurrent: 1, maxQueue: 1 });
    await limits.acquire('a');
    void limits.acquire('a');
    const error = await limits.acquire('a').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      code: 'queue_full',
      status: 429,
      retryAfterSeconds: 1,
      message: 'Account a has 1 requests running and 1 waiting (queue full).',
    });
  });

  it('rejects at once when all slots are taken and maxQueue is 0', async () => {
    const limits = limiter({ maxConcurrent: 1, maxQueue: 0 });
    await limits.acquire('a');
    await expect(limits.acquire('a')).rejects.toMatchObject({ code: 'queue_full' });
  });

  it('rejects with queue_timeout after queueTimeoutMs and frees the queue place', async () => {
    const limits = limiter({ maxConcurrent: 1, maxQueue: 1, queueTimeoutMs: 5000 });
    await limits.acquire('a');
    const waiting = observe(limits.acquire('a'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(waiting.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting.error).toBeInstanceOf(GatewayError);
    expect(waiting.error).toMatchObject({ code: 'queue_timeout', status: 503, retryAfterSeconds: 5 });
    expect((waiting.error as GatewayError).message).toContain('after 5000 ms');
    expect(limits.depth('a')).toEqual({ active: 1, queued: 0 });
  });

  it('does not time out a waiter that got its slot in time', async () => {
    const limits = limiter({ maxConcurrent: 1, queueTimeoutMs: 1000 });
    const release = await limits.acquire('a');
    const waiting = observe(limits.acquire('a'));
    await vi.advanceTimersByTimeAsync(500);
    release();
    await vi.advanceTimersByTimeAsync(5000);
    expect(waiting.error).toBeUndefined();
    expect(typeof waiting.value).toBe('function');
  });

  it('removes an aborted waiter and rejects with the signal’s reason', async () => {
    const limits = limiter({ maxConcurrent: 1 });
    const release = await limits.acquire('a');
    const controller = new AbortController();
    const aborted = observe(limits.acquire('a', controller.signal));
    const next = observe(limits.acquire('a'));
    const reason = new Error('client went away');
    controller.abort(reason);
    await flush();
    expect(aborted.error).toBe(reason);
    expect(limits.depth('a')).toEqual({ active: 1, queued: 1 });
    release();
    await flush();
    expect(next.settled).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limits = limiter();
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(limits.acquire('a', controller.signal)).rejects.toThrow('gone');
    expect(limits.depth('a')).toEqual({ active: 0, queued: 0 });
  });

  it('ignores an abort after the slot was granted', async () => {
    const limits = limiter({ maxConcurrent: 1 });
    const release = await limits.acquire('a');
    const controller = new AbortController();
    const granted = limits.acquire('a', controller.signal);
    release();
    await granted;
    controller.abort();
    expect(limits.depth('a')).toEqual({ active: 1, queued: 0 });
  });

  it('admits waiters at once when the cap is raised or removed', async () => {
    const limits = limiter({ maxConcurrent: 1, maxQueue: 5 });
    await limits.acquire('a');
    const waiters = [observe(limits.acquire('a')), observe(limits.acquire('a')), observe(limits.acquire('a'))];
    limits.configure({ maxConcurrent: 2, maxQueue: 5, queueTimeoutMs: 1000 });
    await flush();
    expect(waiters.map((waiter) => waiter.settled)).toEqual([true, false, false]);
    limits.configure({ maxConcurrent: 0, maxQueue: 5, queueTimeoutMs: 1000 });
    await flush();
    expect(waiters.map((waiter) => waiter.settled)).toEqual([true, true, true]);
    expect(limits.depth('a')).toEqual({ active: 4, queued: 0 });
  });

  it('lets running requests finish when the cap is lowered', async () => {
    const limits = limiter({ maxConcurrent: 3 });
    const releases = await Promise.all([limits.acquire('a'), limits.acquire('a'), limits.acquire('a')]);
    limits.configure({ maxConcurrent: 1, maxQueue: 2, queueTimeoutMs: 1000 });
    const waiting = observe(limits.acquire('a'));
    releases[0]?.();
    releases[1]?.();
    await flush();
    expect(waiting.settled).toBe(false);
    releases[2]?.();
    await flush();
    expect(waiting.settled).toBe(true);
  });

  it('reports only busy connections in stats', async () => {
    const limits = limiter({ maxConcurrent: 1 });
    const release = await limits.acquire('a');
    void limits.acquire('a');
    const other = await limits.acquire('b');
    expect(limits.stats()).toEqual([
      { connectionId: 'a', active: 1, queued: 1 },
      { connectionId: 'b', active: 1, queued: 0 },
    ]);
    other();
    release();
    await flush();
    expect(limits.stats()).toEqual([{ connectionId: 'a', active: 1, queued: 0 }]);
  });

  it('does not keep the process alive with queue timers', async () => {
    vi.useRealTimers();
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const limits = limiter({ maxConcurrent: 1, queueTimeoutMs: 60_000 });
    const release = await limits.acquire('a');
    const controller = new AbortController();
    const waiting = limits.acquire('a', controller.signal).catch(() => undefined);
    const timer = spy.mock.results.at(-1)?.value as NodeJS.Timeout;
    spy.mockRestore();
    expect(timer.hasRef()).toBe(false);
    controller.abort();
    await waiting;
    release();
  });
});
