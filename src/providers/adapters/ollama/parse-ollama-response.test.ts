import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.js';
import { ollamaAdapter } from './index.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('ollamaAdapter.parseResponse', () => {
  it('reads a text answer with usage and timestamp', () => {
    const response = ollamaAdapter.parseResponse(fixture('response-text.json'));
    expect(response).toEqual({
      id: expect.stringMatching(/^ollama-[0-9a-f]{24}$/),
      model: 'llama3.2',
      content: [
        {
          type: 'text',
          text: 'The sky looks blue because air molecules scatter short blue wavelengths of sunlight more than red ones (Rayleigh scattering).',
        },
      ],
      finishReason: 'stop',
      usage: { inputTokens: 34, outputTokens: 27 },
      created: 1749564202,
    });
  });

  it('reads thinking and parallel tool calls, giving each call a unique id', () => {
    const response = ollamaAdapter.parseResponse(fixture('response-thinking-tool-calls.json'));
    expect(response.finishReason).toBe('tool-calls');
    expect(response.usage).toEqual({ inputTokens: 322, outputTokens: 93 });
    expect(response.content).toEqual([
      {
        type: 'reasoning',
        text: 'The user asks about two cities. I should call get_current_weather for Paris and for Toronto.',
      },
      {
        type: 'tool-call',
        id: expect.stringMatching(/^call_[0-9a-f]{24}$/),
        name: 'get_current_weather',
        arguments: '{"format":"celsius","location":"Paris, FR"}',
      },
      {
        type: 'tool-call',
        id: expect.stringMatching(/^call_[0-9a-f]{24}$/),
        name: 'get_current_weather',
        arguments: '{"format":"celsius","location":"Toronto, CA"}',
      },
    ]);
    const ids = response.content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : []));
    expect(new Set(ids).size).toBe(2);
  });

  it('maps done_reason length', () => {
    expect(ollamaAdapter.parseResponse(fixture('response-length.json')).finishReason).toBe('length');
  });

  it('throws an upstream error for an error body or a malformed answer', () => {
    expect(() => ollamaAdapter.parseResponse(fixture('error-model-not-found.json'))).toThrow(GatewayError);
    expect(() => ollamaAdapter.parseResponse({ message: { content: 5 } })).toThrow(/message\.content/);
  });
});

describe('ollamaAdapter usage and errors', () => {
  it('reads usage from an answer', () => {
    expect(ollamaAdapter.readUsage(fixture('response-text.json'))).toEqual({ inputTokens: 34, outputTokens: 27 });
    expect(ollamaAdapter.readUsage({ model: 'x' })).toBeUndefined();
  });

  it('reads usage only from the final stream line', () => {
    const [first, , , , last] = readFileSync(
      new URL('./__fixtures__/stream-text.chunks.txt', import.meta.url),
      'utf8',
    ).split('\n');
    expect(ollamaAdapter.readStreamUsage({ data: first ?? '' })).toBeUndefined();
    expect(ollamaAdapter.readStreamUsage({ data: last ?? '' })).toEqual({ inputTokens: 26, outputTokens: 4 });
  });

  it('reads error messages', () => {
    expect(ollamaAdapter.parseErrorMessage(fixture('error-model-not-found.json'))).toBe(
      'model "llama9" not found, try pulling it first',
    );
    expect(ollamaAdapter.parseErrorMessage('{"error":"busy"}')).toBe('busy');
    expect(ollamaAdapter.parseErrorMessage({ error: { message: 'proxied' } })).toBe('proxied');
    expect(ollamaAdapter.parseErrorMessage({ ok: true })).toBeUndefined();
  });
});
