import type { IncomingHttpHeaders } from 'node:http';
import { number, record, text } from './map-token-answer.js';

/**
 * Seconds until a subscription's quota window resets, read from the errors that say "exhausted until T":
 * - Claude (429 `rate_limit_error`): `anthropic-ratelimit-unified-reset`, unix seconds of the window's end.
 * - Codex (429 `usage_limit_reached`): `resets_in_seconds` or `resets_at` (unix seconds) in the error body.
 * - Gemini Code Assist (429 `RESOURCE_EXHAUSTED`): a `google.rpc.RetryInfo` detail with `retryDelay: "37s"`.
 * Undefined when the answer states no reset (the usual Retry-After and reset headers still apply then).
 */
export function quotaResetSeconds(input: {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  now?: number;
}): number | undefined {
  const { status, headers, now = Date.now() } = input;
  if (status !== 429 && status !== 403) return undefined;
  const untilUnix = (seconds: number) => Math.max(1, Math.ceil(seconds - now / 1000));
  const unified = number(single(headers['anthropic-ratelimit-unified-reset']));
  if (unified !== undefined) return untilUnix(unified);
  const body = parse(input.text);
  const error = record(body.error);
  const resetsIn = number(error.resets_in_seconds);
  if (resetsIn !== undefined) return Math.max(1, Math.ceil(resetsIn));
  const resetsAt = number(error.resets_at);
  if (resetsAt !== undefined) return untilUnix(resetsAt);
  const details = Array.isArray(error.details) ? error.details : [];
  for (const detail of details) {
    const delay = text(record(detail).retryDelay);
    const seconds = delay === undefined ? undefined : /^(\d+(?:\.\d+)?)s$/.exec(delay)?.[1];
    if (seconds !== undefined) return Math.max(1, Math.ceil(Number(seconds)));
  }
  return undefined;
}

/** Header prefixes that describe a subscription's usage windows (Claude's unified limits, Codex's primary/secondary). */
const quotaHeaderPrefixes = ['anthropic-ratelimit-unified-', 'x-codex-'];

/** The usage-window headers of one answer, or undefined when it has none. */
export function quotaHeaders(headers: IncomingHttpHeaders): Record<string, string> | undefined {
  let found: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !quotaHeaderPrefixes.some((prefix) => name.startsWith(prefix))) continue;
    found ??= {};
    found[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return found;
}

function parse(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    // Code Assist wraps its error in an array on streaming calls.
    return record(Array.isArray(value) ? value[0] : value);
  } catch {
    return {};
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
