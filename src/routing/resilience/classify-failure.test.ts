import { describe, expect, it } from 'vitest';
import { type ErrorCode, GatewayError, kindForStatus } from '../../core/errors.js';
import { classifyFailure, failureReasons } from './classify-failure.js';

function upstream(status: number, text = 'something went wrong', retryAfterSeconds?: number): GatewayError {
  return new GatewayError('upstream_error', `Example (example) returned HTTP ${status}: ${text}`, {
    status,
    kind: kindForStatus(status),
    retryAfterSeconds,
  });
}

describe('classifyFailure: account-scoped upstream failures', () => {
  it('parks the account on a plain 429 but never trips the breaker', () => {
    expect(classifyFailure(upstream(429, 'Rate limit reached', 7))).toEqual({
      reason: 'rate_limited',
      scope: 'account',
      fallback: true,
      breaker: false,
      cooldown: true,
      lockout: false,
      retryAfterMs: 7000,
    });
  });

  it('leaves retryAfterMs out when the upstream sent no Retry-After', () => {
    expect(classifyFailure(upstream(429))).not.toHaveProperty('retryAfterMs');
  });

  it.each([
    'You exceeded your current quota, please check your plan',
    'insufficient_quota',
    'Your credit balance is too low',
    'billing hard limit reached',
    'You have reached your usage limit for this month',
  ])('reads a 429 saying %j as quota_exhausted', (text) => {
    const failure = classifyFailure(upstream(429, text, 60));
    expect(failure).toMatchObject({ reason: 'quota_exhausted', scope: 'account', fallback: true, cooldown: true });
    expect(failure.breaker).toBe(false);
    expect(failure.retryAfterMs).toBe(60_000);
  });

  it.each([
    [402, 'quota_exhausted'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
  ] as const)('treats %i as %s: next account, cooldown, no breaker', (status, reason) => {
    expect(classifyFailure(upstream(status))).toEqual({
      reason,
      scope: 'account',
      fallback: true,
      breaker: false,
      cooldown: true,
      lockout: false,
    });
  });

  it('reads a 400 or 403 about credit or billing as the account being out of quota, not a bad request', () => {
    expect(classifyFailure(upstream(400, 'Your credit balance is too low to access the API')).reason).toBe(
      'quota_exhausted',
    );
    expect(classifyFailure(upstream(403, 'Billing is not enabled for this project')).reason).toBe('quota_exhausted');
  });
});

describe('classifyFailure: provider-scoped failures', () => {
  it.each([408, 500, 502, 503, 504, 529, 599])('counts HTTP %i toward the breaker and falls back', (status) => {
    expect(classifyFailure(upstream(status))).toEqual({
      reason: 'server_error',
      scope: 'account',
      fallback: true,
      breaker: true,
      cooldown: true,
      lockout: false,
    });
  });

  it('keeps the Retry-After of a 503', () => {
    expect(classifyFailure(upstream(503, 'overloaded', 2.5)).retryAfterMs).toBe(2500);
  });

  it.each([
    ['upstream_timeout', 'timeout'],
    ['upstream_unreachable', 'network'],
    ['upstream_stream_cut', 'network'],
  ] as const)('treats %s as %s: breaker, fallback, cooldown', (code: ErrorCode, reason) => {
    expect(classifyFailure(new GatewayError(code, 'boom'))).toEqual({
      reason,
      scope: 'account',
      fallback: true,
      breaker: true,
      cooldown: true,
      lockout: false,
    });
  });
});

describe('classifyFailure: model-scoped failures', () => {
  it('locks the (account, model) pair on a 404 without parking the account', () => {
    expect(classifyFailure(upstream(404, 'model: claude-9'))).toEqual({
      reason: 'model_unavailable',
      scope: 'model',
      fallback: true,
      breaker: false,
      cooldown: false,
      lockout: true,
    });
  });

  it.each([
    [400, 'The model `gpt-9` does not exist or you do not have access to it.'],
    [400, 'models/gemini-9 is not found for API version v1beta'],
    [422, 'Model foo is not supported by this endpoint'],
    [400, 'Unknown model: foo'],
    [400, 'foo/bar is not a valid model ID'],
    [400, 'The project has no access to model gemini-ultra'],
    [400, '{"code":"model_not_found"}'],
  ] as const)('reads a %i saying %j as model_unavailable', (status, text) => {
    expect(classifyFailure(upstream(status, text))).toMatchObject({ reason: 'model_unavailable', lockout: true });
  });

  it.each([
    [400, "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens"],
    [400, 'prompt is too long: 210000 tokens > 200000 maximum'],
    [413, 'Input is too long for requested model.'],
    [400, 'Request has too many tokens'],
    [400, 'context_length_exceeded'],
  ] as const)('reads a %i saying %j as context_too_long: next target, no lockout', (status, text) => {
    expect(classifyFailure(upstream(status, text))).toEqual({
      reason: 'context_too_long',
      scope: 'model',
      fallback: true,
      breaker: false,
      cooldown: false,
      lockout: false,
    });
  });

  it('matches the upstream text only, not the provider name in front of it', () => {
    const error = new GatewayError('upstream_error', 'Model Studio (alibaba) returned HTTP 400: Parameter not found', {
      status: 400,
    });
    expect(classifyFailure(error).reason).toBe('bad_request');
  });
});

describe('classifyFailure: request-scoped failures stop', () => {
  it.each([400, 413, 422])('returns an ordinary upstream %i to the client without fallback', (status) => {
    expect(classifyFailure(upstream(status, "messages.0.role: must be 'user' or 'assistant'"))).toEqual({
      reason: 'bad_request',
      scope: 'request',
      fallback: false,
      breaker: false,
      cooldown: false,
      lockout: false,
    });
  });

  it('treats our own 499 abort as client_aborted with no fallback', () => {
    const error = new GatewayError('upstream_error', 'The upstream request was aborted.', { status: 499 });
    expect(classifyFailure(error)).toMatchObject({ reason: 'client_aborted', scope: 'request', fallback: false });
  });

  it.each(['invalid_request', 'invalid_json', 'model_not_found', 'ambiguous_model', 'payload_too_large'] as const)(
    'never falls back on the gateway’s own %s',
    (code) => {
      expect(classifyFailure(new GatewayError(code, 'no'))).toMatchObject({
        reason: 'bad_request',
        fallback: false,
        breaker: false,
        cooldown: false,
      });
    },
  );

  it.each(['internal', 'shutting_down', 'invalid_api_key', 'rate_limited', 'all_targets_failed'] as const)(
    'classifies the gateway’s own %s as other, without fallback',
    (code) => {
      expect(classifyFailure(new GatewayError(code, 'no'))).toMatchObject({ reason: 'other', fallback: false });
    },
  );
});

describe('classifyFailure: gateway errors that move on without penalty', () => {
  it.each(['no_active_connection', 'queue_full', 'queue_timeout', 'circuit_open'] as const)(
    'falls back on %s without cooldown, breaker or lockout',
    (code) => {
      expect(classifyFailure(new GatewayError(code, 'skip'))).toMatchObject({
        scope: 'account',
        fallback: true,
        breaker: false,
        cooldown: false,
        lockout: false,
      });
    },
  );

  it('keeps the queue’s Retry-After so the final error can quote the nearest one', () => {
    expect(classifyFailure(new GatewayError('queue_full', 'full', { retryAfterSeconds: 1 })).retryAfterMs).toBe(1000);
  });
});

describe('classifyFailure: stream errors and odd statuses', () => {
  it('recovers the status from the kind of a mid-stream error that kept the default 502', () => {
    const streamError = (kind: 'rate_limit' | 'invalid_request' | 'unavailable') =>
      new GatewayError('upstream_error', 'stream said no', { kind });
    expect(classifyFailure(streamError('rate_limit')).reason).toBe('rate_limited');
    expect(classifyFailure(streamError('invalid_request')).reason).toBe('bad_request');
    expect(classifyFailure(streamError('unavailable'))).toMatchObject({ reason: 'server_error', breaker: true });
    expect(classifyFailure(new GatewayError('upstream_error', 'empty answer'))).toMatchObject({
      reason: 'server_error',
      breaker: true,
    });
  });

  it('falls back without blaming anyone on an upstream status it has no rule for', () => {
    expect(classifyFailure(upstream(409))).toEqual({
      reason: 'other',
      scope: 'account',
      fallback: true,
      breaker: false,
      cooldown: false,
      lockout: false,
    });
  });

  it('ignores a nonsensical Retry-After', () => {
    expect(classifyFailure(upstream(429, 'slow down', -1))).not.toHaveProperty('retryAfterMs');
    expect(classifyFailure(upstream(429, 'slow down', Number.NaN))).not.toHaveProperty('retryAfterMs');
  });

  it('lists every reason once', () => {
    expect(new Set(failureReasons).size).toBe(12);
  });
});
