import { GatewayError } from '../core/errors.js';

/** One step of routing a request: an upstream call that failed, or an account/target skipped, and why. */
export interface AttemptRecord {
  /** `provider/model` as planned. */
  target: string;
  connection?: string;
  status?: number;
  reason: string;
  message: string;
  retryAfterMs?: number;
  error?: GatewayError;
}

const rateLimitReasons = new Set(['rate_limited', 'quota_exhausted', 'cooling_down', 'queue_full']);

/**
 * When every target failed: the client learns each target tried and why, with the nearest Retry-After. A single
 * failure is returned as itself (its own status and message), which is what a one-model request expects.
 */
export function exhaustionError(attempts: readonly AttemptRecord[]): GatewayError {
  const [only] = attempts;
  if (attempts.length === 1 && only?.error !== undefined) return only.error;
  if (attempts.length === 0) return new GatewayError('all_targets_failed', 'No target could be tried for this model.');
  const hints = attempts.flatMap((attempt) => (attempt.retryAfterMs === undefined ? [] : [attempt.retryAfterMs]));
  const rateLimited = attempts.every((attempt) => rateLimitReasons.has(attempt.reason));
  const detail = attempts
    .map((attempt) => {
      const via = attempt.connection === undefined ? '' : ` via ${attempt.connection}`;
      const status = attempt.status === undefined ? '' : ` (HTTP ${attempt.status})`;
      return `${attempt.target}${via}: ${attempt.reason}${status}: ${attempt.message}`;
    })
    .join('; ');
  return new GatewayError('all_targets_failed', `All ${attempts.length} routing attempts failed. ${detail}`, {
    status: rateLimited ? 429 : 503,
    kind: rateLimited ? 'rate_limit' : 'unavailable',
    retryAfterSeconds: hints.length === 0 ? undefined : Math.max(1, Math.ceil(Math.min(...hints) / 1000)),
  });
}
