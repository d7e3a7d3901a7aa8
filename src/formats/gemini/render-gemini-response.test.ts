import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { renderGeminiError, renderGeminiStreamError } from './render-gemini-error.js';
import { renderGeminiResponse } from './render-gemini-response.js';

const context = { model: 'gemini-2.5-pro', created: 1_750_000_000, id: 'ctx-id' };

describe('renderGeminiResponse', () => {
  it('renders thoughts, text and calls with signatures where Gemini puts them', () => {
    const body = renderGeminiResponse(
      {
        id: 'msg_01',
        model: 'claude-sonnet-4',
        content: [
          { type: 'reasoning', text: 'Let me think.', signature: 'RXF3Zz09' },
          { type: 'text', text: 'Checking the weather.' },
          { type: 'reasoning', text: 'Now the call.', signature: 'QUJDRA==' },
          { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'redacted-reasoning', data: 'opaque' },
        ],
        finishReason: 'tool-calls',
        usage: { inputTokens: 1200, outputTokens: 300, reasoningTokens: 120, cachedInputTokens: 1000 },
      },
      context,
    );
    expect(body).toEqual({
      candidates: [
        {
          content: {
            parts: [
              { text: 'Let me think.', thought: true },
              { text: 'Checking the weather.', thoughtSignature: 'RXF3Zz09' },
              { text: 'Now the call.', thought: true, thoughtSignature: 'QUJDRA==' },
              { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'toolu_1' } },
            ],
            role: 'model',
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 1200,
        candidatesTokenCount: 180,
        totalTokenCount: 1500,
        cachedContentTokenCount: 1000,
        thoughtsTokenCount: 120,
      },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'msg_01',
    });
  });

  it('keeps one empty text part for an empty answer and maps finish reasons', () => {
    const body = renderGeminiResponse({ id: '', model: 'x', content: [], finishReason: 'content-filter' }, context);
    expect(body.candidates[0]).toEqual({
      content: { parts: [{ text: '' }], role: 'model' },
      finishReason: 'SAFETY',
      index: 0,
    });
    expect(body.responseId).toBe('ctx-id');
  });
});

describe('renderGeminiError', () => {
  it('renders the google.rpc error shape with field and retry details', () => {
    const error = new GatewayError('invalid_request', 'contents[0].role is wrong', { param: 'contents[0].role' });
    expect(renderGeminiError(error)).toEqual({
      error: {
        code: 400,
        message: 'contents[0].role is wrong',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'contents[0].role', description: 'contents[0].role is wrong' }],
          },
        ],
      },
    });
    const limited = renderGeminiError(new GatewayError('rate_limited', 'Slow down', { retryAfterSeconds: 20 }));
    expect(limited.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(limited.error.details).toEqual([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '20s' }]);
    expect(renderGeminiError(new GatewayError('invalid_api_key', 'bad key')).error.status).toBe('UNAUTHENTICATED');
    expect(renderGeminiError(new GatewayError('upstream_timeout', 'slow')).error).toMatchObject({
      code: 504,
      status: 'DEADLINE_EXCEEDED',
    });
  });

  it('renders an in-stream error as one data event', () => {
    const frame = renderGeminiStreamError(new GatewayError('shutting_down', 'Going away'));
    expect(frame).toBe('data: {"error":{"code":503,"message":"Going away","status":"UNAVAILABLE"}}\n\n');
  });
});
