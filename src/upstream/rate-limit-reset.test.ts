import { describe, expect, it } from 'vitest';
import { rateLimitResetSeconds } from './rate-limit-reset.js';

describe('rateLimitResetSeconds', () => {
  it('reads OpenAI-style durations, preferring the limit that is used up', () => {
    const headers = {
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1.5s',
      'x-ratelimit-remaining-tokens': '9000',
      'x-ratelimit-reset-tokens': '6m0s',
    };
    expect(rateLimitResetSeconds(headers)).toBe(2);
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset-tokens': '2m59.56s' })).toBe(180);
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset-requests': '120ms' })).toBe(1);
  });

  it('takes the latest reset when no limit says which one ran out', () => {
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '20s' })).toBe(20);
  });

  it('reads Anthropic reset times', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const headers = {
      'anthropic-ratelimit-requests-remaining': '0',
      'anthropic-ratelimit-requests-reset': '2025-01-01T00:00:07Z',
      'anthropic-ratelimit-tokens-reset': '2025-01-01T00:01:00Z',
    };
    expect(rateLimitResetSeconds(headers, now)).toBe(7);
  });

  it('ignores what it cannot read', () => {
    expect(rateLimitResetSeconds({})).toBeUndefined();
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset-requests': 'soon' })).toBeUndefined();
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset-requests': '5x' })).toBeUndefined();
    expect(rateLimitResetSeconds({ 'anthropic-ratelimit-tokens-reset': 'tomorrow' })).toBeUndefined();
  });
});
