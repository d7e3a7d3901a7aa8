import { describe, expect, it } from 'vitest';
import { CooldownTracker } from './cooldown-tracker.js';

function setup(options: { baseMs?: number; maxMs?: number } = {}) {
  const clock = { time: 1_000_000 };
  const tracker = new CooldownTracker({ baseMs: 1000, maxMs: 60_000, ...options, now: () => clock.time });
  const advance = (ms: number) => {
    clock.time += ms;
  };
  return { tracker, clock, advance };
}

describe('CooldownTracker', () => {
  it('parks an account for baseMs on its first failure', () => {
    const { tracker, clock } = setup();
    const entry = tracker.recordFailure('a', { reason: 'server_error' });
    expect(entry).toEqual({
      connectionId: 'a',
      until: clock.time + 1000,
      level: 1,
      reason: 'server_error',
      retryAfter: false,
    });
    expect(tracker.active('a')).toEqual(entry);
    expect(tracker.active('b')).toBeUndefined();
  });

  it('lets the account back in once the cooldown has passed, with no timer involved', () => {
    const { tracker, advance } = setup();
    tracker.recordFailure('a', { reason: 'server_error' });
    advance(999);
    expect(tracker.active('a')).toBeDefined();
    advance(1);
    expect(tracker.active('a')).toBeUndefined();
    expect(tracker.list()).toEqual([]);
  });

  it('backs off exponentially on repeated failures, capped at maxMs', () => {
    // Each failure comes right after the previous cooldown ended.
    const { tracker, clock, advance } = setup({ baseMs: 1000, maxMs: 10_000 });
    const lengths: number[] = [];
    for (let index = 0; index < 6; index++) {
      const entry = tracker.recordFailure('a', { reason: 'timeout' });
      lengths.push(entry.until - clock.time);
      advance(entry.until - clock.time);
    }
    expect(lengths).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('stops raising the level at a sane cap, so the backoff stays finite', () => {
    const { tracker, clock, advance } = setup({ baseMs: 1000, maxMs: 10_000 });
    let entry = tracker.recordFailure('a', { reason: 'timeout' });
    for (let index = 0; index < 100; index++) {
      advance(entry.until - clock.time);
      entry = tracker.recordFailure('a', { reason: 'timeout' });
    }
    expect(entry.level).toBe(30);
    expect(entry.until - clock.time).toBe(10_000);
  });

  it('honours Retry-After exactly, even beyond maxMs, and still raises the level', () => {
    const { tracker, clock, advance } = setup({ maxMs: 60_000 });
    const first = tracker.recordFailure('a', { reason: 'rate_limited', retryAfterMs: 3600_000 });
    expect(first).toMatchObject({ until: clock.time + 3600_000, level: 1, retryAfter: true, reason: 'rate_limited' });
    advance(3600_000);
    const second = tracker.recordFailure('a', { reason: 'server_error' });
    expect(second).toMatchObject({ level: 2, until: clock.time + 2000, retryAfter: false });
  });

  it('treats Retry-After: 0 as "retry now"', () => {
    const { tracker } = setup();
    const entry = tracker.recordFailure('a', { reason: 'rate_limited', retryAfterMs: 0 });
    expect(entry.retryAfter).toBe(true);
    expect(tracker.active('a')).toBeUndefined();
  });

  it('raises the level once for concurrent failures of requests that were in flight together', () => {
    const { tracker, clock, advance } = setup();
    tracker.recordFailure('a', { reason: 'server_error' });
    advance(10);
    const sibling = tracker.recordFailure('a', { reason: 'server_error' });
    const third = tracker.recordFailure('a', { reason: 'server_error' });
    expect(sibling.level).toBe(1);
    expect(third.level).toBe(1);
    // The sibling's own backoff ends a little later, so it extends the cooldown to the later end.
    expect(sibling.until).toBe(clock.time + 1000);
  });

  it('never shortens a running cooldown', () => {
    const { tracker, advance } = setup();
    const long = tracker.recordFailure('a', { reason: 'rate_limited', retryAfterMs: 30_000 });
    advance(100);
    const short = tracker.recordFailure('a', { reason: 'server_error' });
    expect(short).toEqual(long);
    expect(tracker.active('a')).toEqual(long);
  });

  it('lets a later Retry-After during a cooldown extend it without raising the level', () => {
    const { tracker, clock, advance } = setup();
    tracker.recordFailure('a', { reason: 'server_error' });
    advance(100);
    const extended = tracker.recordFailure('a', { reason: 'quota_exhausted', retryAfterMs: 20_000 });
    expect(extended).toMatchObject({
      level: 1,
      until: clock.time + 20_000,
      reason: 'quota_exhausted',
      retryAfter: true,
    });
  });

  it('clears the cooldown and resets the level on success', () => {
    const { tracker, clock, advance } = setup();
    tracker.recordFailure('a', { reason: 'server_error' });
    advance(1000);
    tracker.recordFailure('a', { reason: 'server_error' });
    // True while a cooldown was running: the persisted state changed.
    expect(tracker.recordSuccess('a')).toBe(true);
    expect(tracker.recordSuccess('a')).toBe(false);
    expect(tracker.active('a')).toBeUndefined();
    const next = tracker.recordFailure('a', { reason: 'server_error' });
    expect(next).toMatchObject({ level: 1, until: clock.time + 1000 });
  });

  it('remembers the level for 2 × maxMs after the cooldown ends, so a flapping account backs off further', () => {
    const { tracker, advance } = setup({ baseMs: 1000, maxMs: 60_000 });
    tracker.recordFailure('a', { reason: 'server_error' });
    advance(1000 + 119_999);
    expect(tracker.recordFailure('a', { reason: 'server_error' }).level).toBe(2);

    const { tracker: other, advance: step } = setup({ baseMs: 1000, maxMs: 60_000 });
    other.recordFailure('a', { reason: 'server_error' });
    step(1000 + 120_000);
    expect(other.recordFailure('a', { reason: 'server_error' })).toMatchObject({ level: 1 });
  });

  it('lists only accounts that are cooling down right now', () => {
    const { tracker, advance } = setup();
    tracker.recordFailure('short', { reason: 'server_error' });
    tracker.recordFailure('long', { reason: 'rate_limited', retryAfterMs: 5000 });
    advance(2000);
    expect(tracker.list().map((entry) => entry.connectionId)).toEqual(['long']);
  });

  it('clears one account or all of them', () => {
    const { tracker } = setup();
    tracker.recordFailure('a', { reason: 'server_error' });
    tracker.recordFailure('b', { reason: 'server_error' });
    tracker.clear('a');
    expect(tracker.list().map((entry) => entry.connectionId)).toEqual(['b']);
    tracker.clear();
    expect(tracker.list()).toEqual([]);
  });

  it('applies new settings to the next failure only', () => {
    const { tracker, clock } = setup({ baseMs: 1000 });
    const before = tracker.recordFailure('a', { reason: 'server_error' });
    tracker.configure({ baseMs: 5000, maxMs: 60_000 });
    expect(tracker.active('a')?.until).toBe(before.until);
    expect(tracker.recordFailure('b', { reason: 'server_error' }).until).toBe(clock.time + 5000);
  });

  it('does not hand out its internal entries', () => {
    const { tracker } = setup();
    const entry = tracker.recordFailure('a', { reason: 'server_error' });
    entry.until = 0;
    expect(tracker.active('a')?.until).not.toBe(0);
  });

  it('round-trips active cooldowns through JSON', () => {
    const { tracker, clock } = setup();
    tracker.recordFailure('a', { reason: 'rate_limited', retryAfterMs: 9000 });
    tracker.recordFailure('b', { reason: 'server_error' });
    const snapshot: unknown = JSON.parse(JSON.stringify(tracker));
    const restored = new CooldownTracker({ baseMs: 1000, maxMs: 60_000, now: () => clock.time });
    restored.restore(snapshot);
    expect(restored.list()).toEqual(tracker.list());
  });

  it('ignores malformed snapshots and skips expired or malformed entries', () => {
    const { tracker, clock } = setup();
    tracker.recordFailure('kept', { reason: 'server_error' });
    for (const garbage of [null, 42, 'x', { entries: 'no' }, []]) tracker.restore(garbage);
    expect(tracker.list().map((entry) => entry.connectionId)).toEqual(['kept']);

    tracker.restore({
      entries: [
        { connectionId: 'ok', until: clock.time + 500, level: 2, reason: 'timeout', retryAfter: false },
        { connectionId: 'expired', until: clock.time - 1, level: 1, reason: 'timeout', retryAfter: false },
        { connectionId: 'bad-reason', until: clock.time + 500, level: 1, reason: 'nope', retryAfter: false },
        { connectionId: 'bad-level', until: clock.time + 500, level: 0.5, reason: 'timeout', retryAfter: false },
        'not an entry',
      ],
    });
    expect(tracker.list().map((entry) => entry.connectionId)).toEqual(['ok']);
  });
});
