import { describe, expect, test } from 'vitest';
import type { CanonicalResponse } from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import { openaiCodec, renderModelList } from './index.js';

const context = { model: 'my-alias', created: 1751900000, id: 'req_01' };

describe('renderResponse', () => {
  test('text with reasoning (signature dropped) and full usage', () => {
    const response: CanonicalResponse = {
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      model: 'claude-sonnet-4-20250514',
      content: [
        {
          type: 'reasoning',
          text: 'Paris is the capital.',
          signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds',
        },
        { type: 'redacted-reasoning', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP' },
        { type: 'text', text: 'The capital of France is Paris.' },
      ],
      finishReason: 'stop',
      usage: {
        inputTokens: 2095,
        outputTokens: 503,
        cachedInputTokens: 2048,
        cacheWriteTokens: 40,
        reasoningTokens: 420,
      },
    };
    expect(openaiCodec.renderResponse(response, context)).toEqual({
      id: 'chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL',
      object: 'chat.completion',
      created: 1751900000,
      model: 'my-alias',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'The capital of France is Paris.',
            refusal: null,
            reasoning_content: 'Paris is the capital.',
          },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 2095,
        completion_tokens: 503,
        total_tokens: 2598,
        prompt_tokens_details: { cached_tokens: 2048, cache_write_tokens: 40 },
        completion_tokens_details: { reasoning_tokens: 420 },
      },
    });
  });

  test('tool calls only: content null, finish tool_calls even when the upstream said stop', () => {
    const response: CanonicalResponse = {
      id: 'chatcmpl-abc',
      model: 'gemini-2.5-flash',
      created: 1751899999,
      content: [
        { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', signature: 'CiQB0e2Kb' },
        { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: '{}' },
      ],
      finishReason: 'stop',
    };
    const rendered = openaiCodec.renderResponse(response, context);
    expect(rendered).toMatchObject({
      id: 'chatcmpl-abc',
      created: 1751899999,
      choices: [
        {
          message: {
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    });
  });

  test.each([
    ['length', 'length'],
    ['content-filter', 'content_filter'],
    ['other', 'stop'],
    ['error', 'stop'],
  ] as const)('finish %s → %s', (reason, expected) => {
    const response: CanonicalResponse = { id: '', model: 'x', content: [], finishReason: reason };
    const rendered = openaiCodec.renderResponse(response, context) as {
      id: string;
      choices: Array<{ finish_reason: string; message: { content: unknown } }>;
    };
    expect(rendered.choices[0]?.finish_reason).toBe(expected);
    expect(rendered.choices[0]?.message.content).toBe('');
    expect(rendered.id).toBe('chatcmpl-req_01');
  });
});

describe('renderError', () => {
  test.each([
    [
      new GatewayError('invalid_request', 'messages is required', { param: 'messages' }),
      400,
      'invalid_request_error',
      'invalid_request',
      'messages',
    ],
    [new GatewayError('invalid_api_key', 'bad key'), 401, 'authentication_error', 'invalid_api_key', null],
    [new GatewayError('forbidden', 'no'), 403, 'permission_error', 'forbidden', null],
    [new GatewayError('model_not_found', 'no model'), 404, 'not_found_error', 'model_not_found', null],
    [new GatewayError('rate_limited', 'slow down'), 429, 'rate_limit_error', 'rate_limited', null],
    [new GatewayError('upstream_error', 'boom'), 502, 'server_error', 'upstream_error', null],
    [new GatewayError('upstream_timeout', 'too slow'), 504, 'server_error', 'timeout', null],
    [new GatewayError('payload_too_large', 'big'), 413, 'invalid_request_error', 'payload_too_large', null],
  ])('%s', (error, status, type, code, param) => {
    expect(error.status).toBe(status);
    expect(openaiCodec.renderError(error)).toEqual({ error: { message: error.message, type, code, param } });
  });

  test('stream error is one data frame', () => {
    const frame = openaiCodec.renderStreamError(
      new GatewayError('upstream_stream_cut', 'The upstream stream ended early'),
    );
    expect(frame).toBe(
      'data: {"error":{"message":"The upstream stream ended early","type":"server_error","code":"upstream_stream_cut","param":null}}\n\n',
    );
  });
});

test('renderModelList', () => {
  expect(
    renderModelList([
      { id: 'openai/gpt-4.1', ownedBy: 'openai', type: 'chat', created: 1744316542 },
      { id: 'my-combo', ownedBy: 'combo' },
    ]),
  ).toEqual({
    object: 'list',
    data: [
      { id: 'openai/gpt-4.1', object: 'model', created: 1744316542, owned_by: 'openai', type: 'chat' },
      { id: 'my-combo', object: 'model', created: 0, owned_by: 'combo' },
    ],
  });
});
