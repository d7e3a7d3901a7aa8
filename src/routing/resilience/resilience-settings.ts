import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';

/** One day: longer waits are a mistake, and every duration must stay below setTimeout's 2^31−1 ms limit. */
const maxDurationMs = 86_400_000;

const durationMs = (min: number) => z.number().int().min(min).max(maxDurationMs);
const count = (min: number) => z.number().int().min(min).max(1_000_000);

/** The sections without cross-field checks, so the patch schema can be derived from them (zod refuses .partial() after refinements). */
const sections = {
  cooldown: z.strictObject({ baseMs: durationMs(1), maxMs: durationMs(1) }),
  breaker: z.strictObject({ failureThreshold: count(1), resetMs: durationMs(1) }),
  lockout: z.strictObject({ threshold: count(1), durationMs: durationMs(1) }),
  queue: z.strictObject({ maxConcurrent: count(0), maxQueue: count(0), queueTimeoutMs: durationMs(1) }),
};

export const resilienceSettingsSchema = z
  .strictObject({
    ...sections,
    /** When every target is cooling down, wait for the nearest one if it is back within this time (0 = never wait). */
    shortWaitMaxMs: durationMs(0),
  })
  .superRefine((settings, context) => {
    if (settings.cooldown.maxMs < settings.cooldown.baseMs) {
      context.addIssue({
        code: 'custom',
        path: ['cooldown', 'maxMs'],
        message: `must be at least cooldown.baseMs (${settings.cooldown.baseMs})`,
      });
    }
  });

export type ResilienceSettings = z.infer<typeof resilienceSettingsSchema>;

const patchSchema = z
  .strictObject({
    cooldown: sections.cooldown.partial(),
    breaker: sections.breaker.partial(),
    lockout: sections.lockout.partial(),
    queue: sections.queue.partial(),
    shortWaitMaxMs: durationMs(0),
  })
  .partial();

export type ResilienceSettingsPatch = z.infer<typeof patchSchema>;

export const defaultResilienceSettings: ResilienceSettings = {
  cooldown: { baseMs: 1000, maxMs: 300_000 },
  breaker: { failureThreshold: 5, resetMs: 30_000 },
  lockout: { threshold: 3, durationMs: 300_000 },
  // maxConcurrent 0 = no cap: the original's safety-net limits were set high on purpose; operators opt in per need.
  queue: { maxConcurrent: 0, maxQueue: 100, queueTimeoutMs: 30_000 },
  shortWaitMaxMs: 2000,
};

/**
 * Applies a deep partial patch (e.g. the body of PATCH /api/resilience) to the current settings and returns the new
 * settings; `current` is not modified. Unknown keys and bad values throw `invalid_request` naming the field.
 */
export function mergeResilienceSettings(current: ResilienceSettings, patch: unknown): ResilienceSettings {
  const parsed = patchSchema.safeParse(patch ?? {});
  if (!parsed.success) throw invalidSetting(parsed.error);
  const changes = parsed.data;
  const merged = {
    cooldown: { ...current.cooldown, ...defined(changes.cooldown) },
    breaker: { ...current.breaker, ...defined(changes.breaker) },
    lockout: { ...current.lockout, ...defined(changes.lockout) },
    queue: { ...current.queue, ...defined(changes.queue) },
    shortWaitMaxMs: changes.shortWaitMaxMs ?? current.shortWaitMaxMs,
  };
  // Cross-field rules (cooldown.maxMs ≥ baseMs) only make sense on the merged result.
  const checked = resilienceSettingsSchema.safeParse(merged);
  if (!checked.success) throw invalidSetting(checked.error);
  return checked.data;
}

/** Drops keys explicitly set to undefined, so they cannot erase a current value. */
function defined<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

function invalidSetting(error: z.ZodError): GatewayError {
  const issue = error.issues[0];
  const path =
    issue === undefined ? [] : issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const field = path.map(String).join('.');
  const problem = issue?.code === 'unrecognized_keys' ? 'unknown setting' : (issue?.message ?? 'invalid');
  if (field === '') return new GatewayError('invalid_request', `Invalid resilience settings: ${problem}`);
  return new GatewayError('invalid_request', `Invalid resilience setting '${field}': ${problem}`, { param: field });
}
