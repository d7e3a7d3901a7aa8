import type { IncomingHttpHeaders } from 'node:http';

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
