import { describe, expect, it } from 'vitest';
import { CircuitBreakers } from './circuit-breakers.js';

function setup(options: { failureThreshold?: number; resetMs?: number } = {}) {
  const clock = { time: 5_000_000 };
  const breakers = new CircuitBreakers({ failureThreshold: 3, resetMs: 30_000, ...options, now: () => clock.time });
  const advance = (ms: number) => {
    clock.time += ms;
  };
  const fail = (provider: string, times: number) => {
    for (let index = 0; index < times; index++) breakers.recordFailure(provider);
  };
  return { breakers, clock, advance, fail };
}

describe('CircuitBreakers', () => {
  it('lets requests through while closed and below the threshold', () => {
    const { breakers, fail } = setup();
    fail('openai', 2);
    expect(breakers.canRequest('openai')).toBe(true);
    expect(breakers.status('openai')).toEqual({ provider: 'openai', state: 'closed', failures: 2 });
  });

  it('reports an unknown provider as closed with no failures', () => {
    const { breakers } = setup();
    expect(breakers.status('nobody')).toEqual({ provider: 'nobody', state: 'closed', failures: 0 });
    expect(breakers.list()).toEqual([]);
  });

  it('counts consecutive failures only: a success resets the count', () => {
    const { breakers, fail } = setup();
    fail('openai', 2);
    breakers.recordSuccess('openai');
    fail('openai', 2);
    expect(breakers.status('openai').state).toBe('closed');
    expect(breakers.list()).toEqual([{ provider: 'openai', state: 'closed', failures: 2 }]);
  });

  it('opens at the threshold and refuses until the reset time has passed', () => {
    const { breakers, clock, advance, fail } = setup();
    fail('openai', 3);
    expect(breakers.status('openai')).toEqual({
      provider: 'openai',
      state: 'open',
      failures: 3,
      openedAt: clock.time,
      nextProbeAt: clock.time + 30_000,
    });
    expect(breakers.canRequest('openai')).toBe(false);
    advance(29_999);
    expect(breakers.canRequest('openai')).toBe(false);
    expect(breakers.canRequest('anthropic')).toBe(true);
  });

  it('allows exactly one probe after the reset time', () => {
    const { breakers, advance, fail } = setup();
    fail('openai', 3);
    advance(30_000);
    expect(breakers.canRequest('openai')).toBe(true);
    expect(breakers.status('openai').state).toBe('half_open');
    expect(breakers.canRequest('openai')).toBe(false);
    expect(breakers.canRequest('openai')).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const { breakers, advance, fail } = setup();
    fail('openai', 3);
    advance(30_000);
    breakers.canRequest('openai');
    // True: the stored state changed, so the caller persists it.
    expect(breakers.recordSuccess('openai')).toBe(true);
    expect(breakers.recordSuccess('openai')).toBe(false);
    expect(breakers.status('openai')).toEqual({ provider: 'openai', state: 'closed', failures: 0 });
    expect(breakers.canRequest('openai')).toBe(true);
    expect(breakers.canRequest('openai')).toBe(true);
  });

  it('opens again with a new openedAt when the probe fails', () => {
    const { breakers, clock, advance, fail } = setup();
    fail('openai', 3);
    advance(30_000);
    breakers.canRequest('openai');
    advance(500);
    breakers.recordFailure('openai');
    expect(breakers.status('openai')).toMatchObject({ state: 'open', openedAt: clock.time, failures: 4 });
    expect(breakers.canRequest('openai')).toBe(false);
    advance(30_000);
    expect(breakers.canRequest('openai')).toBe(true);
  });

  it('allows another probe when the first never reports back', () => {
    const { breakers, clock, advance, fail } = setup();
    fail('openai', 3);
    advance(30_000);
    expect(breakers.canRequest('openai')).toBe(true);
    expect(breakers.status('openai').nextProbeAt).toBe(clock.time + 30_000);
    advance(29_999);
    expect(breakers.canRequest('openai')).toBe(false);
    advance(1);
    expect(breakers.canRequest('openai')).toBe(true);
    expect(breakers.canRequest('openai')).toBe(false);
  });

  it('ignores late successes and keeps openedAt on late failures while open', () => {
    const { breakers, clock, advance, fail } = setup();
    fail('openai', 3);
    const openedAt = clock.time;
    advance(1000);
    expect(breakers.recordSuccess('openai')).toBe(false);
    breakers.recordFailure('openai');
    expect(breakers.status('openai')).toMatchObject({ state: 'open', openedAt, failures: 4 });
  });

  it('resets one provider or all', () => {
    const { breakers, fail } = setup();
    fail('openai', 3);
    fail('anthropic', 3);
    breakers.reset('openai');
    expect(breakers.canRequest('openai')).toBe(true);
    expect(breakers.canRequest('anthropic')).toBe(false);
    breakers.reset();
    expect(breakers.list()).toEqual([]);
  });

  it('uses new settings from the next failure and the next check', () => {
    const { breakers, advance, fail } = setup();
    fail('openai', 2);
    breakers.configure({ failureThreshold: 10, resetMs: 1000 });
    fail('openai', 1);
    expect(breakers.status('openai').state).toBe('closed');
    fail('openai', 7);
    expect(breakers.status('openai').state).toBe('open');
    advance(1000);
    expect(breakers.canRequest('openai')).toBe(true);
  });

  it('round-trips through JSON; a half-open breaker comes back open and probes on the next request', () => {
    const { breakers, clock, advance, fail } = setup();
    fail('closed-with-failures', 1);
    fail('open', 3);
    fail('probing', 3);
    advance(30_000);
    breakers.canRequest('probing');
    const restored = new CircuitBreakers({ failureThreshold: 3, resetMs: 30_000, now: () => clock.time });
    restored.restore(JSON.parse(JSON.stringify(breakers)));
    expect(restored.status('closed-with-failures')).toEqual(breakers.status('closed-with-failures'));
    expect(restored.status('open')).toEqual(breakers.status('open'));
    expect(restored.status('probing').state).toBe('open');
    expect(restored.canRequest('probing')).toBe(true);
    expect(restored.canRequest('probing')).toBe(false);
  });

  it('ignores malformed snapshots and entries', () => {
    const { breakers, fail } = setup();
    fail('kept', 3);
    for (const garbage of [undefined, 'x', { breakers: {} }, [1, 2]]) breakers.restore(garbage);
    expect(breakers.list().map((status) => status.provider)).toEqual(['kept']);
    breakers.restore({
      breakers: [
        { provider: 'ok', state: 'open', failures: 5, openedAt: 1 },
        { provider: 'no-opened-at', state: 'open', failures: 5 },
        { provider: 'bad-state', state: 'melted', failures: 5, openedAt: 1 },
        { provider: 'bad-failures', state: 'closed', failures: -1 },
        null,
      ],
    });
    expect(breakers.list().map((status) => status.provider)).toEqual(['ok']);
  });
});
