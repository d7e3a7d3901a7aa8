import { describe, expect, it } from 'vitest';
import { RoutingRuntime } from '../routing/routing-runtime.js';
import { diffEntries, fromEntries, toEntries } from './resilience-entries.js';

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
});
