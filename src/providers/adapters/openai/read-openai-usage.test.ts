import { afterEach, describe, expect, test, vi } from 'vitest';
import { readFixture, readJsonFixture, readSseFixture } from './__fixtures__/read-sse-fixture.js';
import { openaiAdapter } from './index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readUsage', () => {
  test('from a non-streaming answer', () => {
    expect(openaiAdapter.readUsage(readJsonFixture('openai-text.response.json'))).toEqual({
      inputTokens: 1850,
      outputTokens: 8,
      cachedInputTokens: 1792,
    });
    expect(openaiAdapter.readUsage({ choices: [] })).toBeUndefined();
    expect(openaiAdapter.readUsage('nope')).toBeUndefined();
  });
});

describe('readStreamUsage', () => {
  test('finds usage in the include_usage chunk, on a finish chunk and in x_groq', () => {
    const read = (name: string) =>
      readSseFixture(name)
        .map((event) => openaiAdapter.readStreamUsage(event))
        .filter((usage) => usage !== undefined);
    expect(read('openai-text.chunks.txt')).toEqual([{ inputTokens: 1850, outputTokens: 10, cachedInputTokens: 1792 }]);
    expect(read('deepseek-reasoner.chunks.txt')).toEqual([{ inputTokens: 19, outputTokens: 96, reasoningTokens: 74 }]);
    expect(read('groq-x-groq-usage.chunks.txt')).toEqual([{ inputTokens: 250, outputTokens: 20 }]);
  });

  test('does not parse chunks without a usage object ("usage": null included)', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const events = readSseFixture('openai-text.chunks.txt');
    for (const event of events) openaiAdapter.readStreamUsage(event);
    // Only the usage-only chunk is parsed; the nine `"usage":null` chunks and [DONE] are not.
    expect(parse).toHaveBeenCalledTimes(1);
  });
});

describe('parseErrorMessage', () => {
  test.each<[string, unknown, string | undefined]>([
    [
      'OpenAI',
      readJsonFixture('openai-error.json'),
      readFixture('openai-error.json').match(/"message": "([^"]+)"/)?.[1],
    ],
    ['a string error', { error: 'model not loaded' }, 'model not loaded'],
    ['FastAPI detail', { detail: 'Not Found' }, 'Not Found'],
    ['a plain message', { message: 'Invalid API key' }, 'Invalid API key'],
    ['a JSON text body', '{"error":{"message":"quota exceeded"}}', 'quota exceeded'],
    ['a plain text body', 'Bad Gateway\n', 'Bad Gateway'],
    ['an array body', [{ error: { message: 'first' } }], 'first'],
    ['nothing useful', { status: 500 }, undefined],
  ])('%s', (_name, body, message) => {
    expect(openaiAdapter.parseErrorMessage(body)).toBe(message);
  });
});
