import type { IncomingHttpHeaders } from 'node:http';

interface LimitHeaders {
  reset: string;
  remaining: string;
  parse: (value: string, now: number) => number | undefined;
}

/**
 * OpenAI and Groq send `x-ratelimit-reset-{requests,tokens}` as durations such as `1s`, `6m0s` or `59.5ms`
 * (platform.openai.com/docs/guides/rate-limits); Anthropic sends `anthropic-ratelimit-*-reset` as RFC 3339 times
 * (docs.anthropic.com/en/api/rate-limits).
 */
const limits: readonly LimitHeaders[] = [
  ...['requests', 'tokens'].map((kind) => ({
    reset: `x-ratelimit-reset-${kind}`,
    remaining: `x-ratelimit-remaining-${kind}`,
    parse: (value: string) => durationMs(value),
  })),
  ...['requests', 'tokens', 'input-tokens', 'output-tokens'].map((kind) => ({
    reset: `anthropic-ratelimit-${kind}-reset`,
    remaining: `anthropic-ratelimit-${kind}-remaining`,
    parse: (value: string, now: number) => {
      const time = Date.parse(value);
      return Number.isNaN(time) ? undefined : Math.max(0, time - now);
    },
  })),
];

/**
 * Seconds until a rate limit resets, for a 429 that came without Retry-After. The 429 does not say which limit it
 * hit: the limits reporting 0 remaining are the suspects (every limit when none does), and retrying before the
 * latest of their resets would only fail again.
 */
export function rateLimitResetSeconds(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const resets = limits.flatMap((limit) => {
    const value = single(headers[limit.reset]);
    const ms = value === undefined ? undefined : limit.parse(value.trim(), now);
    return ms === undefined ? [] : [{ ms, exhausted: single(headers[limit.remaining])?.trim() === '0' }];
  });
  const exhausted = resets.filter((reset) => reset.exhausted);
  const suspects = exhausted.length > 0 ? exhausted : resets;
  if (suspects.length === 0) return undefined;
  return Math.ceil(Math.max(...suspects.map((reset) => reset.ms)) / 1000);
}

const durationPart = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** A Go-style duration (`2m59.56s`, `120ms`) in milliseconds; undefined unless the whole text is one. */
function durationMs(text: string): number | undefined {
  if (text === '') return undefined;
  durationPart.lastIndex = 0;
  let total = 0;
  while (durationPart.lastIndex < text.length) {
    const match = durationPart.exec(text);
    if (match === null) return undefined;
    total += Number(match[1]) * (unitMs[match[2] as string] as number);
  }
  return total;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
