import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import {
  defaultResilienceSettings,
  mergeResilienceSettings,
  type ResilienceSettings,
  resilienceSettingsSchema,
} from './resilience-settings.js';

function rejection(patch: unknown, current: ResilienceSettings = defaultResilienceSettings): GatewayError {
  try {
    mergeResilienceSettings(current, patch);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the patch to be rejected');
}

describe('resilience settings', () => {
  it('has the documented defaults, and they pass the schema', () => {
    expect(defaultResilienceSettings).toEqual({
      cooldown: { baseMs: 1000, maxMs: 300_000 },
      breaker: { failureThreshold: 5, resetMs: 30_000 },
      lockout: { threshold: 3, durationMs: 300_000 },
      queue: { maxConcurrent: 0, maxQueue: 100, queueTimeoutMs: 30_000 },
      shortWaitMaxMs: 2000,
    });
    expect(resilienceSettingsSchema.parse(defaultResilienceSettings)).toEqual(defaultResilienceSettings);
  });

  it('changes only the fields a patch names', () => {
    const merged = mergeResilienceSettings(defaultResilienceSettings, {
      breaker: { failureThreshold: 8 },
      queue: { maxConcurrent: 4 },
      shortWaitMaxMs: 0,
    });
    expect(merged).toEqual({
      ...defaultResilienceSettings,
      breaker: { failureThreshold: 8, resetMs: 30_000 },
      queue: { maxConcurrent: 4, maxQueue: 100, queueTimeoutMs: 30_000 },
      shortWaitMaxMs: 0,
    });
  });

  it('does not modify the current settings', () => {
    const current = structuredClone(defaultResilienceSettings);
    mergeResilienceSettings(current, { cooldown: { baseMs: 5 } });
    expect(current).toEqual(defaultResilienceSettings);
  });

  it('treats an empty or missing patch as no change', () => {
    for (const patch of [{}, undefined, null]) {
      expect(mergeResilienceSettings(defaultResilienceSettings, patch)).toEqual(defaultResilienceSettings);
    }
  });

  it('lets an explicit undefined keep the current value', () => {
    const merged = mergeResilienceSettings(defaultResilienceSettings, { cooldown: { baseMs: undefined, maxMs: 5000 } });
    expect(merged.cooldown).toEqual({ baseMs: 1000, maxMs: 5000 });
  });

  it.each([
    [{ breaker: { failureThreshold: 0 } }, 'breaker.failureThreshold'],
    [{ breaker: { failureThreshold: 2.5 } }, 'breaker.failureThreshold'],
    [{ cooldown: { baseMs: '1000' } }, 'cooldown.baseMs'],
    [{ queue: { maxQueue: -1 } }, 'queue.maxQueue'],
    [{ queue: { queueTimeoutMs: 2 ** 31 } }, 'queue.queueTimeoutMs'],
    [{ lockout: null }, 'lockout'],
    [{ shortWaitMaxMs: -5 }, 'shortWaitMaxMs'],
  ])('rejects %j naming %s', (patch, param) => {
    const error = rejection(patch);
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
    expect(error.message).toContain(`'${param}'`);
  });

  it('rejects unknown keys at any depth, naming them', () => {
    expect(rejection({ breakers: {} }).param).toBe('breakers');
    const nested = rejection({ breaker: { threshold: 3 } });
    expect(nested.param).toBe('breaker.threshold');
    expect(nested.message).toContain('unknown setting');
  });

  it('rejects a patch that is not an object', () => {
    for (const patch of ['x', 42, []]) {
      expect(rejection(patch).code).toBe('invalid_request');
    }
  });

  it('checks cooldown.maxMs ≥ baseMs on the merged result', () => {
    expect(rejection({ cooldown: { baseMs: 600_000 } }).param).toBe('cooldown.maxMs');
    expect(
      mergeResilienceSettings(defaultResilienceSettings, { cooldown: { baseMs: 600_000, maxMs: 600_000 } }).cooldown,
    ).toEqual({ baseMs: 600_000, maxMs: 600_000 });
  });
});
