import { describe, expect, it } from 'vitest';
import { quotaHeaders, quotaResetSeconds } from './quota-reset.js';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('quotaResetSeconds', () => {
  it("reads Claude's unified reset header (unix seconds)", () => {
    const headers = { 'anthropic-ratelimit-unified-reset': String(now / 1000 + 7200) };
    const text = '{"type":"error","error":{"type":"rate_limit_error","message":"rate limited"}}';
    expect(quotaResetSeconds({ status: 429, headers, text, now })).toBe(7200);
  });

  it("reads Codex's resets_in_seconds and resets_at", () => {
    const inSeconds = '{"error":{"type":"usage_limit_reached","resets_in_seconds":1800}}';
    expect(quotaResetSeconds({ status: 429, headers: {}, text: inSeconds, now })).toBe(1800);
    const at = JSON.stringify({ error: { type: 'usage_limit_reached', resets_at: now / 1000 + 600 } });
    expect(quotaResetSeconds({ status: 429, headers: {}, text: at, now })).toBe(600);
  });

  it("reads Gemini's RetryInfo delay, also inside a streaming error array", () => {
    const error = {
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37.5s' }],
    };
    expect(quotaResetSeconds({ status: 429, headers: {}, text: JSON.stringify({ error }), now })).toBe(38);
    expect(quotaResetSeconds({ status: 429, headers: {}, text: JSON.stringify([{ error }]), now })).toBe(38);
  });

  it('says nothing for other statuses or answers without a reset', () => {
    expect(quotaResetSeconds({ status: 500, headers: {}, text: '{"error":{"resets_in_seconds":5}}', now })).toBe(
      undefined,
    );
    expect(quotaResetSeconds({ status: 429, headers: {}, text: 'busy', now })).toBe(undefined);
  });
});

describe('quotaHeaders', () => {
  it('keeps only the usage-window headers', () => {
    expect(
      quotaHeaders({
        'anthropic-ratelimit-unified-5h-utilization': '0.4',
        'x-codex-primary-used-percent': '42',
        'content-type': 'application/json',
      }),
    ).toEqual({ 'anthropic-ratelimit-unified-5h-utilization': '0.4', 'x-codex-primary-used-percent': '42' });
    expect(quotaHeaders({ 'content-type': 'text/plain' })).toBe(undefined);
  });
});
