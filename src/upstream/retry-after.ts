import type { IncomingHttpHeaders } from 'node:http';
import { rateLimitResetSeconds } from './rate-limit-reset.js';

/**
 * Seconds to wait before retrying, from `Retry-After` (delta-seconds or an HTTP date, RFC 9110 §10.2.3) or the
 * `retry-after-ms` header some providers send instead. Rate-limit reset headers are read apart, for 429s only
 * (`rate-limit-reset.ts`): providers send them on every answer.
 */
export function retryAfterSeconds(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const milliseconds = single(headers['retry-after-ms']);
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.ceil(Number(milliseconds) / 1000);
  const value = single(headers['retry-after']);
  if (value !== undefined) {
    if (/^\d+$/.test(value.trim())) return Number(value.trim());
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  return undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * When a failed upstream answer says the account may be used again: `Retry-After` on any status, else, on a 429
 * only, the rate-limit reset headers (they come with every answer; only a 429 makes them a wait).
 */
export function failureRetryAfterSeconds(status: number, headers: IncomingHttpHeaders): number | undefined {
  return retryAfterSeconds(headers) ?? (status === 429 ? rateLimitResetSeconds(headers) : undefined);
}
