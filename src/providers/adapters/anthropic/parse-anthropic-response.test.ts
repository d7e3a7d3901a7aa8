import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.js';
import { anthropicAdapter } from './index.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

describe('anthropicAdapter.parseResponse', () => {
  it('reads thinking, text and parallel tool calls, adding cache counters into the prompt total', () => {
    expect(anthropicAdapter.parseResponse(fixture('response-thinking-tool-use.json'))).toEqual({
      id: 'msg_01Aq9w938a90dw8q3BXGkxyC',
      model: 'claude-sonnet-4-5-20250929',
      content: [
        {
          type: 'reasoning',
          text: 'The user wants the weather in two cities. I can call get_weather for both at once.',
          signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds1Fmm4xS7kiVIsAqdk5KWYXByeAw',
        },
        { type: 'text', text: "I'll check the weather in both cities." },
        {
          type: 'tool-call',
          id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
          name: 'get_weather',
          arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
        },
        {
          type: 'tool-call',
          id: 'toolu_01NeQeZ4fr9AdxHqFNkUWrBn',
          name: 'get_weather',
          arguments: '{"location":"New York, NY","unit":"celsius"}',
        },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 11308, outputTokens: 237, cachedInputTokens: 9872, cacheWriteTokens: 1024 },
    });
  });

  it('reads a stop-sequence answer as stop, without empty cache counters', () => {
    expect(anthropicAdapter.parseResponse(fixture('response-text.json'))).toEqual({
      id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      model: 'claude-haiku-4-5-20251001',
      content: [{ type: 'text', text: 'Hi! My name is Claude.' }],
      finishReason: 'stop',
      usage: { inputTokens: 2095, outputTokens: 503 },
    });
  });

  it('skips server-tool blocks and keeps redacted thinking', () => {
    const response = anthropicAdapter.parseResponse(fixture('response-web-search.json'));
    expect(response.content.map((part) => part.type)).toEqual(['redacted-reasoning', 'text']);
    expect(response.finishReason).toBe('stop');
  });

  it('maps every stop reason', () => {
    const finish = (stop_reason: string) =>
      anthropicAdapter.parseResponse({ id: 'm', content: [], stop_reason }).finishReason;
    expect(finish('max_tokens')).toBe('length');
    expect(finish('model_context_window_exceeded')).toBe('length');
    expect(finish('refusal')).toBe('content-filter');
    expect(finish('pause_turn')).toBe('other');
    expect(finish('end_turn')).toBe('stop');
  });

  it('rejects a body that is not a message', () => {
    expect(() => anthropicAdapter.parseResponse({ type: 'error' })).toThrow(GatewayError);
  });
});

describe('anthropicAdapter usage and error readers', () => {
  it('reads usage from a JSON answer', () => {
    expect(anthropicAdapter.readUsage(fixture('response-thinking-tool-use.json'))).toEqual({
      inputTokens: 11308,
      outputTokens: 237,
      cachedInputTokens: 9872,
      cacheWriteTokens: 1024,
    });
    expect(anthropicAdapter.readUsage({ id: 'x' })).toBeUndefined();
  });

  it('reads the error message from an error body, a JSON text or plain text', () => {
    expect(anthropicAdapter.parseErrorMessage(fixture('error-overloaded.json'))).toBe('Overloaded');
    expect(anthropicAdapter.parseErrorMessage('{"type":"error","error":{"type":"x","message":"bad key"}}')).toBe(
      'bad key',
    );
    expect(anthropicAdapter.parseErrorMessage('upstream connect error')).toBe('upstream connect error');
    expect(anthropicAdapter.parseErrorMessage(42)).toBeUndefined();
  });
});
