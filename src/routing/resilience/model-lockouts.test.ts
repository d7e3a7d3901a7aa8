import { describe, expect, it } from 'vitest';
import { ModelLockouts } from './model-lockouts.js';

function setup(options: { threshold?: number; durationMs?: number } = {}) {
  const clock = { time: 2_000_000 };
  const lockouts = new ModelLockouts({ threshold: 3, durationMs: 60_000, ...options, now: () => clock.time });
  const advance = (ms: number) => {
    clock.time += ms;
  };
  const fail = (connectionId: string, model: string, times: number) =>
    Array.from({ length: times }, () => lockouts.recordFailure(connectionId, model));
  return { lockouts, clock, advance, fail };
}

describe('ModelLockouts', () => {
  it('locks a pair after threshold consecutive failures and says which failure did it', () => {
    const { lockouts, clock, fail } = setup();
    expect(fail('c1', 'gpt-9', 3)).toEqual([false, false, true]);
    expect(lockouts.isLocked('c1', 'gpt-9')).toBe(true);
    expect(lockouts.list()).toEqual([{ connectionId: 'c1', model: 'gpt-9', until: clock.time + 60_000, failures: 3 }]);
  });

  it('keeps the account’s other models and the model on other accounts usable', () => {
    const { lockouts, fail } = setup();
    fail('c1', 'gpt-9', 3);
    expect(lockouts.isLocked('c1', 'gpt-4o')).toBe(false);
    expect(lockouts.isLocked('c2', 'gpt-9')).toBe(false);
  });

  it('resets the count on success', () => {
    const { lockouts, fail } = setup();
    fail('c1', 'm', 2);
    // Not locked yet: nothing persisted changes.
    expect(lockouts.recordSuccess('c1', 'm')).toBe(false);
    expect(fail('c1', 'm', 2)).toEqual([false, false]);
    expect(lockouts.isLocked('c1', 'm')).toBe(false);
  });

  it('lifts a lockout on success', () => {
    const { lockouts, fail } = setup();
    fail('c1', 'm', 3);
    expect(lockouts.recordSuccess('c1', 'm')).toBe(true);
    expect(lockouts.isLocked('c1', 'm')).toBe(false);
    expect(lockouts.list()).toEqual([]);
  });

  it('expires after durationMs', () => {
    const { lockouts, advance, fail } = setup();
    fail('c1', 'm', 3);
    advance(59_999);
    expect(lockouts.isLocked('c1', 'm')).toBe(true);
    advance(1);
    expect(lockouts.isLocked('c1', 'm')).toBe(false);
    expect(lockouts.list()).toEqual([]);
  });

  it('does not extend a lockout or report a new one for failures while locked', () => {
    const { lockouts, clock, advance, fail } = setup();
    fail('c1', 'm', 3);
    const until = clock.time + 60_000;
    advance(1000);
    expect(lockouts.recordFailure('c1', 'm')).toBe(false);
    expect(lockouts.list()).toEqual([{ connectionId: 'c1', model: 'm', until, failures: 4 }]);
  });

  it('locks again at the first failure right after a lockout ended', () => {
    const { lockouts, advance, fail } = setup();
    fail('c1', 'm', 3);
    advance(60_000 + 59_999);
    expect(lockouts.recordFailure('c1', 'm')).toBe(true);
  });

  it('forgets a pair durationMs after its lockout ended', () => {
    const { advance, fail } = setup();
    fail('c1', 'm', 3);
    advance(120_000);
    expect(fail('c1', 'm', 3)).toEqual([false, false, true]);
  });

  it('forgets stray failures that are durationMs old', () => {
    const { advance, fail } = setup();
    fail('c1', 'm', 2);
    advance(60_000);
    expect(fail('c1', 'm', 2)).toEqual([false, false]);
  });

  it('clears everything, or one pair or connection by hand', () => {
    const { lockouts, fail } = setup();
    fail('c1', 'a', 3);
    fail('c1', 'b', 3);
    fail('c2', 'a', 3);
    lockouts.unlock('c1', 'a');
    expect(lockouts.list().map(({ connectionId, model }) => `${connectionId}/${model}`)).toEqual(['c1/b', 'c2/a']);
    lockouts.unlock('c1');
    expect(lockouts.list().map(({ connectionId }) => connectionId)).toEqual(['c2']);
    lockouts.clear();
    expect(lockouts.list()).toEqual([]);
  });

  it('uses a new threshold and duration from the next failure', () => {
    const { lockouts, clock, fail } = setup();
    lockouts.configure({ threshold: 1, durationMs: 5000 });
    expect(fail('c1', 'm', 1)).toEqual([true]);
    expect(lockouts.list()[0]?.until).toBe(clock.time + 5000);
  });

  it('round-trips active lockouts through JSON and ignores malformed or expired entries', () => {
    const { lockouts, clock, fail } = setup();
    fail('c1', 'm', 3);
    const restored = new ModelLockouts({ threshold: 3, durationMs: 60_000, now: () => clock.time });
    restored.restore(JSON.parse(JSON.stringify(lockouts)));
    expect(restored.list()).toEqual(lockouts.list());

    for (const garbage of [null, [], { lockouts: 3 }]) restored.restore(garbage);
    expect(restored.list()).toEqual(lockouts.list());
    restored.restore({
      lockouts: [
        { connectionId: 'c1', model: 'ok', until: clock.time + 10, failures: 3 },
        { connectionId: 'c1', model: 'expired', until: clock.time, failures: 3 },
        { connectionId: 'c1', model: 'bad', until: 'soon', failures: 3 },
        { connectionId: '', model: 'bad', until: clock.time + 10, failures: 3 },
      ],
    });
    expect(restored.list().map(({ model }) => model)).toEqual(['ok']);
  });
});
