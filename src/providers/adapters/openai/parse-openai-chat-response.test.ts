import { describe, expect, test } from 'vitest';
import type { CanonicalResponse } from '../../../core/canonical.js';
import { GatewayError } from '../../../core/errors.js';
import { readJsonFixture } from './__fixtures__/read-sse-fixture.js';
import { openaiAdapter } from './index.js';

function parse(name: string): CanonicalResponse {
  return openaiAdapter.parseResponse(readJsonFixture(name));
}

describe('parseResponse fixtures', () => {
  test('OpenAI text answer with cached prompt tokens', () => {
    expect(parse('openai-text.response.json')).toEqual<CanonicalResponse>({
      id: 'chatcmpl-BnXq8kT4nP0gCkZ2yRvVb3sQeXw1L',
      model: 'gpt-4o-2024-08-06',
      created: 1751900000,
      content: [{ type: 'text', text: 'The capital of France is Paris.' }],
      finishReason: 'stop',
      usage: { inputTokens: 1850, outputTokens: 8, cachedInputTokens: 1792 },
    });
  });

  test('OpenAI parallel tool calls with null content', () => {
    expect(parse('openai-parallel-tools.response.json')).toMatchObject({
      content: [
        {
          type: 'tool-call',
          id: 'call_8Jm2QhTqXz0bW5vR1nKd3sYp',
          name: 'get_weather',
          arguments: '{"city":"Paris","unit":"celsius"}',
        },
        {
          type: 'tool-call',
          id: 'call_Lr4nV7cPzA9kE2tQ6wXb1mHs',
          name: 'get_time',
          arguments: '{"timezone":"Europe/Paris"}',
        },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 212, outputTokens: 51 },
    });
  });

  test('o4-mini reasoning tokens (no reasoning text in chat completions)', () => {
    expect(parse('openai-o4-mini-reasoning.response.json')).toMatchObject({
      content: [{ type: 'text', text: '17 × 23 = 391.' }],
      usage: { inputTokens: 24, outputTokens: 219, reasoningTokens: 192 },
    });
  });

  test('DeepSeek reasoning_content becomes a reasoning part before the text', () => {
    expect(parse('deepseek-reasoner.response.json').content).toEqual([
      { type: 'reasoning', text: 'Compare 9.11 and 9.8: the tenths digit 1 < 8, so 9.11 < 9.8.' },
      { type: 'text', text: '9.11 is smaller than 9.8.' },
    ]);
  });

  test('DeepSeek prompt_cache_hit_tokens count as cached input', () => {
    expect(parse('deepseek-chat-cache-hit.response.json').usage).toEqual({
      inputTokens: 1200,
      outputTokens: 3,
      cachedInputTokens: 1152,
    });
  });

  test('a leading <think> block moves to reasoning', () => {
    expect(parse('vllm-think-tags.response.json').content).toEqual([
      { type: 'reasoning', text: '\nThe user greets me. I should greet back.\n' },
      { type: 'text', text: 'Hello! How can I help you today?' },
    ]);
  });

  test('Gemini’s OpenAI endpoint: empty call id and `stop` with a tool call', () => {
    const response = parse('gemini-compat-tool-stop.response.json');
    expect(response.content).toEqual([
      { type: 'tool-call', id: 'call_0', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
    ]);
    expect(response.finishReason).toBe('tool-calls');
  });
});

describe('parseResponse edge cases', () => {
  test('Mistral content list with thinking parts', () => {
    const response = openaiAdapter.parseResponse({
      id: 'b1',
      model: 'magistral-medium-2507',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: [{ type: 'text', text: 'Two plus two.' }] },
              { type: 'text', text: '4' },
            ],
          },
          finish_reason: 'stop',
        },
      ],
    });
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Two plus two.' },
      { type: 'text', text: '4' },
    ]);
  });

  test('a refusal is kept as text and content_filter maps', () => {
    const response = openaiAdapter.parseResponse({
      choices: [{ message: { content: null, refusal: "I can't help with that." }, finish_reason: 'content_filter' }],
    });
    expect(response.content).toEqual([{ type: 'text', text: "I can't help with that." }]);
    expect(response.finishReason).toBe('content-filter');
  });

  test('a 200 answer holding an error throws an upstream error', () => {
    expect(() => openaiAdapter.parseResponse({ error: { message: 'Model overloaded', type: 'server_error' } })).toThrow(
      GatewayError,
    );
    expect(() => openaiAdapter.parseResponse({ error: { message: 'Model overloaded' } })).toThrow(/Model overloaded/);
  });

  test('legacy function_call and object arguments', () => {
    const response = openaiAdapter.parseResponse({
      choices: [
        {
          message: { content: null, function_call: { name: 'lookup', arguments: { q: 'x' } } },
          finish_reason: 'function_call',
        },
      ],
    });
    expect(response.content).toEqual([
      { type: 'tool-call', id: 'call_function', name: 'lookup', arguments: '{"q":"x"}' },
    ]);
    expect(response.finishReason).toBe('tool-calls');
  });
});
