import { describe, expect, test } from 'vitest';
import type { StreamPart } from '../../../core/stream-parts.js';
import { readSseFixture } from './__fixtures__/read-sse-fixture.js';
import { openaiAdapter } from './index.js';

function decodeEvents(events: Array<{ data: string }>): StreamPart[] {
  const decoder = openaiAdapter.createStreamDecoder();
  return [...events.flatMap((event) => decoder.decode(event)), ...decoder.end()];
}

function decodeFixture(name: string): StreamPart[] {
  return decodeEvents(readSseFixture(name));
}

function decodeChunks(chunks: unknown[], done = true): StreamPart[] {
  const events = chunks.map((chunk) => ({ data: JSON.stringify(chunk) }));
  return decodeEvents(done ? [...events, { data: '[DONE]' }] : events);
}

/** Deltas merged per block, so a pinned expectation reads like the answer. */
function collapse(parts: StreamPart[]): StreamPart[] {
  const result: StreamPart[] = [];
  for (const part of parts) {
    const previous = result.at(-1);
    if (previous?.type === 'text-delta' && part.type === 'text-delta') previous.text += part.text;
    else if (previous?.type === 'reasoning-delta' && part.type === 'reasoning-delta') previous.text += part.text;
    else if (previous?.type === 'tool-input-delta' && part.type === 'tool-input-delta' && previous.id === part.id)
      previous.delta += part.delta;
    else result.push({ ...part });
  }
  return result;
}

/** Invariants every decoded stream must hold, whatever the upstream quirks. */
function expectWellFormed(parts: StreamPart[]): void {
  expect(parts.filter((part) => part.type === 'start')).toHaveLength(1);
  expect(parts[0]?.type).toBe('start');
  const started = new Set<string>();
  const ended = new Set<string>();
  const finishAt = parts.findIndex((part) => part.type === 'finish');
  parts.forEach((part, position) => {
    if (part.type === 'tool-input-start') {
      expect(started.has(part.id)).toBe(false);
      expect(part.name).not.toBe('');
      expect(part.index).toBe(started.size);
      started.add(part.id);
    }
    if (part.type === 'tool-input-delta') expect(started.has(part.id) && !ended.has(part.id)).toBe(true);
    if (part.type === 'tool-input-end') {
      expect(started.has(part.id)).toBe(true);
      ended.add(part.id);
      if (finishAt >= 0) expect(position).toBeLessThan(finishAt);
    }
  });
  expect(ended).toEqual(started);
  if (finishAt >= 0) expect(finishAt).toBe(parts.length - 1);
}

describe('stream fixtures', () => {
  test('OpenAI text with the include_usage chunk after the finish', () => {
    const parts = decodeFixture('openai-text.chunks.txt');
    expectWellFormed(parts);
    expect(collapse(parts)).toEqual([
      { type: 'start', id: 'chatcmpl-BnXt4kVn8cP2qR6sT0uW3xY5zA7bC', model: 'gpt-4o-2024-08-06' },
      { type: 'text-delta', text: 'Hello! How can I help you today?' },
      { type: 'usage', usage: { inputTokens: 1850, outputTokens: 10, cachedInputTokens: 1792 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  test('OpenAI parallel tool calls interleaved by index', () => {
    const parts = decodeFixture('openai-parallel-tools.chunks.txt');
    expectWellFormed(parts);
    expect(collapse(parts)).toEqual([
      { type: 'start', id: 'chatcmpl-BnXu9mQ2rS4tU6vW8xY0zA1bC3dE', model: 'gpt-4.1-2025-04-14' },
      { type: 'tool-input-start', id: 'call_8Jm2QhTqXz0bW5vR1nKd3sYp', name: 'get_weather', index: 0 },
      { type: 'tool-input-delta', id: 'call_8Jm2QhTqXz0bW5vR1nKd3sYp', delta: '{"city":"Paris","unit":"celsius"}' },
      { type: 'tool-input-start', id: 'call_Lr4nV7cPzA9kE2tQ6wXb1mHs', name: 'get_time', index: 1 },
      { type: 'tool-input-delta', id: 'call_Lr4nV7cPzA9kE2tQ6wXb1mHs', delta: '{"timezone":"Europe/Paris"}' },
      { type: 'tool-input-end', id: 'call_8Jm2QhTqXz0bW5vR1nKd3sYp' },
      { type: 'tool-input-end', id: 'call_Lr4nV7cPzA9kE2tQ6wXb1mHs' },
      { type: 'usage', usage: { inputTokens: 212, outputTokens: 51, cachedInputTokens: 128 } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  test('DeepSeek reasoning_content deltas, usage on the finish chunk', () => {
    const parts = decodeFixture('deepseek-reasoner.chunks.txt');
    expectWellFormed(parts);
    expect(collapse(parts).slice(1)).toEqual([
      { type: 'reasoning-delta', text: 'Compare 9.11 and 9.8: 1 < 8.' },
      { type: 'text-delta', text: '9.11 is smaller.' },
      { type: 'usage', usage: { inputTokens: 19, outputTokens: 96, reasoningTokens: 74 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  test('Groq: whole call in one delta, usage in x_groq', () => {
    const parts = decodeFixture('groq-x-groq-usage.chunks.txt');
    expectWellFormed(parts);
    expect(parts.slice(1)).toEqual([
      { type: 'tool-input-start', id: 'call_gq7n', name: 'get_weather', index: 0 },
      { type: 'tool-input-delta', id: 'call_gq7n', delta: '{"city":"Berlin"}' },
      { type: 'tool-input-end', id: 'call_gq7n' },
      { type: 'usage', usage: { inputTokens: 250, outputTokens: 20 } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  test('tool call deltas without index, keyed by id; `stop` with calls; usage-only chunk with no choices', () => {
    const parts = decodeFixture('no-index-tool-calls.chunks.txt');
    expectWellFormed(parts);
    expect(collapse(parts).slice(1)).toEqual([
      { type: 'text-delta', text: 'Checking both cities.' },
      { type: 'tool-input-start', id: 'call_a1', name: 'get_weather', index: 0 },
      { type: 'tool-input-delta', id: 'call_a1', delta: '{"city":"Oslo"}' },
      { type: 'tool-input-start', id: 'call_b2', name: 'get_weather', index: 1 },
      { type: 'tool-input-delta', id: 'call_b2', delta: '{"city":"Rome"}' },
      { type: 'tool-input-end', id: 'call_a1' },
      { type: 'tool-input-end', id: 'call_b2' },
      { type: 'usage', usage: { inputTokens: 80, outputTokens: 30 } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  test('<think> tags split across deltas move to reasoning', () => {
    const parts = decodeFixture('vllm-think-tags.chunks.txt');
    expectWellFormed(parts);
    expect(collapse(parts).slice(1, 3)).toEqual([
      { type: 'reasoning-delta', text: '\nThe user greets me.\n' },
      { type: 'text-delta', text: 'Hello! How can I help?' },
    ]);
  });

  test('a mid-stream error becomes an error part, and no finish follows', () => {
    const parts = decodeFixture('openrouter-midstream-error.chunks.txt');
    expect(parts.slice(1)).toEqual([
      { type: 'text-delta', text: 'Partial' },
      { type: 'error', kind: 'upstream', message: 'Provider returned error' },
    ]);
  });
});

describe('stream quirks', () => {
  const chunk = (
    delta: Record<string, unknown>,
    finish: string | null = null,
    extra: Record<string, unknown> = {},
  ) => ({
    id: 'c1',
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  });

  test('a server reusing index 0 for parallel calls with distinct ids', () => {
    const parts = decodeChunks([
      chunk({ tool_calls: [{ index: 0, id: 'call_a', function: { name: 'f', arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'call_b', function: { name: 'g', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expectWellFormed(parts);
    expect(collapse(parts).filter((part) => part.type === 'tool-input-delta')).toEqual([
      { type: 'tool-input-delta', id: 'call_a', delta: '{"x":1}' },
      { type: 'tool-input-delta', id: 'call_b', delta: '{}' },
    ]);
  });

  test('arguments arriving before the name are held until the call can start', () => {
    const parts = decodeChunks([
      chunk({ tool_calls: [{ index: 0, id: 'call_a', function: { arguments: '{"q"' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { name: 'search', arguments: ':"x"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expectWellFormed(parts);
    expect(collapse(parts).slice(1, 3)).toEqual([
      { type: 'tool-input-start', id: 'call_a', name: 'search', index: 0 },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"q":"x"}' },
    ]);
  });

  test('a call that never gets a name is dropped', () => {
    const parts = decodeChunks([
      chunk({ tool_calls: [{ index: 0, id: 'x', function: { arguments: '{}' } }] }),
      chunk({}, 'stop'),
    ]);
    expectWellFormed(parts);
    expect(parts.map((part) => part.type)).toEqual(['start', 'finish']);
  });

  test('[DONE] without a finish_reason still finishes; a cut stream does not', () => {
    expect(decodeChunks([chunk({ content: 'a' })]).at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    expect(decodeChunks([chunk({ content: 'a' })], false).some((part) => part.type === 'finish')).toBe(false);
  });

  test('the last usage wins when several chunks carry it', () => {
    const parts = decodeChunks([
      chunk({ content: 'a' }, null, { usage: { prompt_tokens: 5, completion_tokens: 1 } }),
      chunk({}, 'length', { usage: { prompt_tokens: 5, completion_tokens: 9 } }),
    ]);
    expect(parts.filter((part) => part.type === 'usage')).toEqual([
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 9 } },
    ]);
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'length' });
  });

  test('garbage, blank and keep-alive events are ignored', () => {
    const decoder = openaiAdapter.createStreamDecoder();
    expect(decoder.decode({ data: '' })).toEqual([]);
    expect(decoder.decode({ data: 'not json' })).toEqual([]);
    expect(decoder.decode({ data: '{"choices":"nope"}' })).toEqual([]);
  });
});
