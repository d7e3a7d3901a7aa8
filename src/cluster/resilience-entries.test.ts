import { describe, expect, it, vi } from 'vitest';
import { RoutingRuntime } from '../routing/routing-runtime.js';
import { applyChanges, diffEntries, fromEntries, toEntries } from './resilience-entries.js';

describe('resilience entries', () => {
  it('round-trips a runtime snapshot through entries', () => {
    const runtime = new RoutingRuntime();
    runtime.cooldowns.recordFailure('conn-1', { reason: 'rate_limited', retryAfterMs: 60_000 });
    for (let i = 0; i < 10; i += 1) runtime.breakers.recordFailure('openai');
    const entries = toEntries(runtime.toJSON());
    expect([...entries.keys()].sort()).toEqual(['breaker:openai', 'cooldown:conn-1']);

    const other = new RoutingRuntime();
    other.restore(fromEntries(entries));
    expect(other.cooldowns.active('conn-1')).toMatchObject({ reason: 'rate_limited', retryAfter: true });
    expect(other.breakers.status('openai').state).toBe(runtime.breakers.status('openai').state);
  });

  it('lists changed entries and removed ones', () => {
    const before = new Map([
      ['cooldown:a', '1'],
      ['cooldown:b', '2'],
    ]);
    const after = new Map([
      ['cooldown:a', '1'],
      ['cooldown:b', '3'],
      ['breaker:x', '4'],
    ]);
    expect(diffEntries(before, after)).toEqual([
      ['cooldown:b', '3'],
      ['breaker:x', '4'],
    ]);
    expect(diffEntries(after, new Map())).toEqual([
      ['cooldown:a', null],
      ['cooldown:b', null],
      ['breaker:x', null],
    ]);
  });

  it('applies another process’s changes without forgetting remembered backoff levels', () => {
    // The trackers read Date.now when built: fake it first.
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
    const runtime = new RoutingRuntime();
    runtime.cooldowns.recordFailure('flaky', { reason: 'server_error' });
    vi.setSystemTime(Date.now() + runtime.resilience.cooldown.baseMs + 1); // ended; its level is remembered
    const publisher = new RoutingRuntime();
    publisher.cooldowns.recordFailure('other', { reason: 'rate_limited', retryAfterMs: 60_000 });
    const published = [...toEntries(publisher.toJSON())];
    // The publisher's own copy of 'flaky' expired too: its removal must not reset this process's level.
    applyChanges(runtime, [...published, ['cooldown:flaky', null]]);
    expect(runtime.cooldowns.active('other')).toMatchObject({ reason: 'rate_limited' });
    runtime.cooldowns.recordFailure('flaky', { reason: 'server_error' });
    expect(runtime.cooldowns.active('flaky')?.level).toBe(2);
    vi.useRealTimers();
  });

  it('ends a local cooldown that another process cleared while it was still running', () => {
    const runtime = new RoutingRuntime();
    runtime.cooldowns.recordFailure('conn-1', { reason: 'rate_limited', retryAfterMs: 60_000 });
    applyChanges(runtime, [['cooldown:conn-1', null]]);
    expect(runtime.cooldowns.active('conn-1')).toBeUndefined();
  });
});
