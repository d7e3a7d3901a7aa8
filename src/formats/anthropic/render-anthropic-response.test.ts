import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import { anthropicCodec } from './index.js';

const context = { model: 'claude-sonnet-4-5', created: 1_700_000_000, id: 'msg_gateway_1' };

describe('anthropicCodec.renderResponse', () => {
  it('renders thinking, text and tool calls with Anthropic usage', () => {
    const response: CanonicalResponse = {
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      model: 'claude-sonnet-4-5-20250929',
      content: [
        {
          type: 'reasoning',
          text: 'Check both cities.',
          signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds',
        },
        { type: 'redacted-reasoning', data: 'EmwKAhgBEgy3va3pzix' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'toolu_02', name: 'get_weather', arguments: '' },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 2095, outputTokens: 503, cachedInputTokens: 1800, cacheWriteTokens: 200 },
    };
    expect(anthropicCodec.renderResponse(response, context)).toEqual({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        {
          type: 'thinking',
          thinking: 'Check both cities.',
          signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds',
        },
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_02', name: 'get_weather', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 95, cache_creation_input_tokens: 200, cache_read_input_tokens: 1800, output_tokens: 503 },
    });
  });

  it('maps finish reasons and fills the id and zero usage when missing', () => {
    const render = (finishReason: CanonicalResponse['finishReason']) =>
      anthropicCodec.renderResponse(
        { id: '', model: 'x', content: [{ type: 'reasoning', text: 'r' }], finishReason },
        context,
      );
    expect(render('length')).toMatchObject({
      id: 'msg_gateway_1',
      stop_reason: 'max_tokens',
      // Unsigned reasoning keeps an empty signature so the client can replay the turn.
      content: [{ type: 'thinking', thinking: 'r', signature: '' }],
      usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 },
    });
    expect(render('stop')).toMatchObject({ stop_reason: 'end_turn' });
    expect(render('content-filter')).toMatchObject({ stop_reason: 'refusal' });
    expect(render('other')).toMatchObject({ stop_reason: 'end_turn' });
  });
});

describe('anthropicCodec.renderError', () => {
  it('maps every error kind onto Anthropic error types', () => {
    const cases: Array<[GatewayError, string]> = [
      [new GatewayError('invalid_request', 'bad'), 'invalid_request_error'],
      [new GatewayError('unsupported_media_type', 'bad'), 'invalid_request_error'],
      [new GatewayError('invalid_api_key', 'bad'), 'authentication_error'],
      [new GatewayError('forbidden', 'bad'), 'permission_error'],
      [new GatewayError('model_not_found', 'bad'), 'not_found_error'],
      [new GatewayError('payload_too_large', 'bad'), 'request_too_large'],
      [new GatewayError('rate_limited', 'bad'), 'rate_limit_error'],
      [new GatewayError('upstream_error', 'bad'), 'api_error'],
      [new GatewayError('upstream_error', 'bad', { status: 529, kind: 'unavailable' }), 'overloaded_error'],
      [new GatewayError('upstream_timeout', 'bad'), 'timeout_error'],
      [new GatewayError('internal', 'bad'), 'api_error'],
    ];
    for (const [error, type] of cases) {
      expect(anthropicCodec.renderError(error)).toEqual({ type: 'error', error: { type, message: 'bad' } });
    }
  });

  it('renders an in-stream error event', () => {
    const frame = anthropicCodec.renderStreamError(new GatewayError('shutting_down', 'Overloaded'));
    expect(frame).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
  });
});
