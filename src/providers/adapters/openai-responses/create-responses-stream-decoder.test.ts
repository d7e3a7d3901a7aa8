import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../../core/codec.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { mergeDeltas } from './__fixtures__/merge-deltas.js';
import { readSseFixture } from './__fixtures__/read-fixture.js';
import { openaiResponsesAdapter } from './index.js';

function decodeAll(events: WireEvent[]): StreamPart[] {
  const decoder = openaiResponsesAdapter.createStreamDecoder();
  return [...events.flatMap((event) => decoder.decode(event)), ...decoder.end()];
}

function expectWellFormed(parts: StreamPart[]): void {
  expect(parts[0]?.type).toBe('start');
  expect(parts.filter((part) => part.type === 'start')).toHaveLength(1);
  const open = new Set<string>();
  const seen = new Set<string>();
  for (const part of parts) {
    if (part.type === 'tool-input-start') {
      expect(seen.has(part.id)).toBe(false);
      expect(part.name).not.toBe('');
      seen.add(part.id);
      open.add(part.id);
    }
    if (part.type === 'tool-input-delta') expect(open.has(part.id)).toBe(true);
    if (part.type === 'tool-input-end') open.delete(part.id);
    if (part.type === 'finish') expect(open.size).toBe(0);
  }
}

describe('openaiResponsesAdapter stream decoder', () => {
  it('decodes reasoning summaries, the final encrypted content and parallel calls', () => {
    const parts = decodeAll(readSseFixture('stream-reasoning-parallel-tools.chunks.txt'));
    expectWellFormed(parts);
    expect(mergeDeltas(parts)).toEqual([
      { type: 'start', id: 'resp_68c9b2a0f1e48190b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0', model: 'gpt-5-2025-08-07' },
      {
        type: 'reasoning-delta',
        text:
          '**Checking two cities**\n\nThe user wants the weather in Paris and Tokyo.\n\n' +
          "**Calling tools in parallel**\n\nI'll request both forecasts at once.",
      },
      {
        type: 'reasoning-signature',
        signature: 'gAAAAABoybKiZmluYWxfZW5jcnlwdGVkX3JlYXNvbmluZ19mb3JfcGFyaXNfYW5kX3Rva3lvX19fX19fX19f',
      },
      { type: 'tool-input-start', id: 'call_Lm3n4O5p6Q7r8S9t0U1v2W3x', name: 'get_weather', index: 0 },
      { type: 'tool-input-delta', id: 'call_Lm3n4O5p6Q7r8S9t0U1v2W3x', delta: '{"city":"Paris","unit":"celsius"}' },
      { type: 'tool-input-end', id: 'call_Lm3n4O5p6Q7r8S9t0U1v2W3x' },
      { type: 'tool-input-start', id: 'call_Ab1c2D3e4F5g6H7i8J9k0L1m', name: 'get_weather', index: 1 },
      { type: 'tool-input-delta', id: 'call_Ab1c2D3e4F5g6H7i8J9k0L1m', delta: '{"city":"Tokyo","unit":"celsius"}' },
      { type: 'tool-input-end', id: 'call_Ab1c2D3e4F5g6H7i8J9k0L1m' },
      { type: 'usage', usage: { inputTokens: 1832, outputTokens: 214, cachedInputTokens: 1536, reasoningTokens: 128 } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  it('decodes a text answer into deltas, usage and a stop', () => {
    const parts = decodeAll(readSseFixture('stream-text.chunks.txt'));
    expectWellFormed(parts);
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(7);
    expect(mergeDeltas(parts).slice(1)).toEqual([
      { type: 'text-delta', text: 'The capital of France is Paris.' },
      { type: 'usage', usage: { inputTokens: 25, outputTokens: 8, cachedInputTokens: 0, reasoningTokens: 0 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('maps response.incomplete with max_output_tokens to a length finish', () => {
    const parts = decodeAll(readSseFixture('stream-incomplete.chunks.txt'));
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'length' });
  });

  it('turns the error event into one error part and ignores the failed response after it', () => {
    const parts = decodeAll(readSseFixture('stream-error.chunks.txt'));
    expect(parts.slice(1)).toEqual([
      {
        type: 'error',
        kind: 'rate_limit',
        message: 'You exceeded your current quota, please check your plan and billing details.',
      },
    ]);
  });

  it('reports a response.failed without a preceding error event', () => {
    const events = readSseFixture('stream-error.chunks.txt').filter((event) => event.event !== 'error');
    const parts = decodeAll(events);
    expect(parts.at(-1)).toMatchObject({ type: 'error', kind: 'rate_limit' });
  });

  it('fills in whole items sent without deltas (compatible servers)', () => {
    const item = (value: object) => ({ data: JSON.stringify({ type: 'response.output_item.done', ...value }) });
    const parts = decodeAll([
      item({ output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [{ text: 'Thinking.' }] } }),
      item({ output_index: 1, item: { type: 'message', id: 'msg_1', content: [{ type: 'output_text', text: 'Hi' }] } }),
      item({ output_index: 2, item: { type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'f', arguments: '' } }),
      { data: JSON.stringify({ type: 'response.completed', response: { status: 'completed' } }) },
      { data: '[DONE]' },
    ]);
    expect(parts).toEqual([
      { type: 'start' },
      { type: 'reasoning-delta', text: 'Thinking.' },
      { type: 'text-delta', text: 'Hi' },
      { type: 'tool-input-start', id: 'c1', name: 'f', index: 0 },
      { type: 'tool-input-delta', id: 'c1', delta: '{}' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  it('closes a call that was cut off when the stream ends without a terminal event', () => {
    const events = readSseFixture('stream-reasoning-parallel-tools.chunks.txt');
    const cut = events.findIndex((event) => event.data.includes('"response.function_call_arguments.done"'));
    const parts = decodeAll(events.slice(0, cut));
    expect(parts.at(-1)).toEqual({ type: 'tool-input-end', id: 'call_Lm3n4O5p6Q7r8S9t0U1v2W3x' });
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('rejects an event that is not JSON', () => {
    const decoder = openaiResponsesAdapter.createStreamDecoder();
    expect(() => decoder.decode({ data: '{oops' })).toThrow(/not JSON/);
  });

  it('reads stream usage only from the terminal event', () => {
    const events = readSseFixture('stream-reasoning-parallel-tools.chunks.txt');
    const usages = events.map((event) => openaiResponsesAdapter.readStreamUsage(event)).filter(Boolean);
    expect(usages).toEqual([{ inputTokens: 1832, outputTokens: 214, cachedInputTokens: 1536, reasoningTokens: 128 }]);
  });
});
