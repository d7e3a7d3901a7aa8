import { describe, expect, it } from 'vitest';
import type { LoginThrottleConfig } from '../config/config.js';
import { LoginThrottle } from './login-throttle.js';

const options: LoginThrottleConfig = {
  maxFailures: 3,
  windowMs: 60_000,
  baseLockoutMs: 10_000,
  maxLockoutMs: 40_000,
  maxTrackedIps: 100,
};

function setup(overrides: Partial<LoginThrottleConfig> = {}) {
  const clock = { now: 1_000_000 };
  const throttle = new LoginThrottle({ ...options, ...overrides }, () => clock.now);
  const fail = (ip: string) => {
    const refused = throttle.begin(ip);
    if (refused !== undefined) return { refused };
    return { lockedFor: throttle.end(ip, 'failure') };
  };
  return { clock, throttle, fail };
}

describe('LoginThrottle', () => {
  it('locks an IP out after maxFailures, with Retry-After seconds, then lets it try again', () => {
    const { clock, throttle, fail } = setup();
    expect(fail('1.2.3.4')).toEqual({ lockedFor: undefined });
    expect(fail('1.2.3.4')).toEqual({ lockedFor: undefined });
    expect(fail('1.2.3.4')).toEqual({ lockedFor: 10 });
    expect(throttle.begin('1.2.3.4')).toBe(10);
    clock.now += 4_500;
    expect(throttle.begin('1.2.3.4')).toBe(6);
    // Other addresses are not affected.
    expect(throttle.begin('5.6.7.8')).toBeUndefined();
    throttle.end('5.6.7.8', 'success');
    clock.now += 5_500;
    expect(throttle.begin('1.2.3.4')).toBeUndefined();
    throttle.end('1.2.3.4', 'success');
    expect(throttle.size).toBe(0);
  });

  it('doubles the lockout with each further failure, up to the cap', () => {
    const { clock, fail } = setup();
    const lockouts: Array<number | undefined> = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const result = fail('ip');
      lockouts.push(result.lockedFor);
      clock.now += 41_000;
    }
    expect(lockouts).toEqual([undefined, undefined, 10, 20, 40, 40]);
  });

  it('forgets failures after a success', () => {
    const { fail, throttle } = setup();
    fail('ip');
    fail('ip');
    expect(throttle.begin('ip')).toBeUndefined();
    throttle.end('ip', 'success');
    expect(fail('ip').lockedFor).toBeUndefined();
    expect(fail('ip').lockedFor).toBeUndefined();
    expect(fail('ip').lockedFor).toBe(10);
  });

  it('forgets failures after a quiet window', () => {
    const { clock, fail } = setup();
    fail('ip');
    fail('ip');
    clock.now += 60_001;
    expect(fail('ip').lockedFor).toBeUndefined();
  });

  it('allows one attempt at a time per IP, and an aborted attempt counts as nothing', () => {
    const { throttle, fail } = setup();
    expect(throttle.begin('ip')).toBeUndefined();
    expect(throttle.begin('ip')).toBe(1);
    throttle.end('ip', 'aborted');
    expect(throttle.size).toBe(0);
    fail('ip');
    fail('ip');
    expect(fail('ip').lockedFor).toBe(10);
  });

  it('stays bounded under a flood of addresses, sweeping stale ones first', () => {
    const { clock, throttle, fail } = setup({ maxTrackedIps: 50 });
    for (let index = 0; index < 10_000; index += 1) fail(`10.0.${Math.floor(index / 256)}.${index % 256}`);
    expect(throttle.size).toBe(50);
    clock.now += 120_000;
    fail('192.168.0.1');
    expect(throttle.size).toBe(1);
  });
});
