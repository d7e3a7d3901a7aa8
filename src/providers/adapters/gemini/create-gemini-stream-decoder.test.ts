import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../../core/codec.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { createGeminiStreamDecoder } from './create-gemini-stream-decoder.js';

/** Splits raw SSE text into events, the way the upstream SSE parser hands them to decoders. */
function sseEvents(text: string): WireEvent[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => ({
      data: block
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n'),
    }));
}

function decodeFixture(name: string): StreamPart[] {
  const text = readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
  const decoder = createGeminiStreamDecoder();
  return [...sseEvents(text).flatMap((event) => decoder.decode(event)), ...decoder.end()];
}

describe('createGeminiStreamDecoder', () => {
  it('decodes thoughts, the signature before its text, usage and finish', () => {
    expect(decodeFixture('stream-text-thinking.chunks.txt')).toEqual([
      { type: 'start', id: 'k9FlaPrAJI-ZnvgP2Y2PwQk', model: 'gemini-2.5-flash' },
      {
        type: 'reasoning-delta',
        text: '**Recalling the facts**\n\nThe question is about the tallest mountain.',
      },
      { type: 'reasoning-signature', signature: 'CvcBAdHtim8Qk3rP0sW9lYxZ2aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789' },
      { type: 'text-delta', text: 'Mount Everest is the tallest mountain' },
      { type: 'text-delta', text: ' above sea level, at 8,849 metres.' },
      { type: 'usage', usage: { inputTokens: 12, outputTokens: 56, reasoningTokens: 38 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('emits each whole function call as start, delta and end before finish', () => {
    const parts = decodeFixture('stream-parallel-tool-calls.chunks.txt');
    const id = expect.stringMatching(/^call_[0-9a-f]{24}$/);
    expect(parts).toEqual([
      { type: 'start', id: 'Qm9laIKdC8-tnvgPn8Kf4Q8', model: 'gemini-3-pro-preview' },
      { type: 'text-delta', text: 'I will look up both cities.' },
      {
        type: 'tool-input-start',
        id,
        name: 'get_weather',
        index: 0,
        signature: 'EqQBCqEBAdHtim9Yb2xVz4Q8pLmN7oRsT1uVwXyZaBcDeFgHiJkL',
      },
      { type: 'tool-input-delta', id, delta: '{"city":"Paris"}' },
      { type: 'tool-input-end', id },
      { type: 'tool-input-start', id, name: 'get_weather', index: 1 },
      { type: 'tool-input-delta', id, delta: '{"city":"Tokyo"}' },
      { type: 'tool-input-end', id },
      { type: 'usage', usage: { inputTokens: 140, outputTokens: 161, reasoningTokens: 125 } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
    const starts = parts.filter((part) => part.type === 'tool-input-start');
    const ends = parts.filter((part) => part.type === 'tool-input-end');
    expect(starts.map((part) => part.id)).toEqual(ends.map((part) => part.id));
    expect(new Set(starts.map((part) => part.id)).size).toBe(2);
  });

  it('turns an error event into an error part, and flushes usage seen before the cut', () => {
    expect(decodeFixture('stream-error.chunks.txt')).toEqual([
      { type: 'start', id: 'c2FsaGFzZGZq', model: 'gemini-2.5-flash-lite' },
      { type: 'text-delta', text: 'Once upon a time' },
      { type: 'error', kind: 'unavailable', message: 'The model is overloaded. Please try again later.' },
      { type: 'usage', usage: { inputTokens: 9, outputTokens: 0 } },
    ]);
  });

  it('reports usage that changes after the finish chunk and ignores empty events', () => {
    const decoder = createGeminiStreamDecoder();
    decoder.decode({ data: '{"candidates":[{"content":{"parts":[{"text":"a"}]},"finishReason":"STOP"}]}' });
    expect(decoder.decode({ data: '' })).toEqual([]);
    expect(decoder.decode({ data: '{"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":1}}' })).toEqual([
      { type: 'usage', usage: { inputTokens: 4, outputTokens: 1 } },
    ]);
    expect(decoder.end()).toEqual([]);
  });

  it('reports a blocked prompt as a content-filter finish, and garbage as an error', () => {
    const decoder = createGeminiStreamDecoder();
    expect(decoder.decode({ data: '{"promptFeedback":{"blockReason":"SAFETY"}}' })).toEqual([
      { type: 'start' },
      { type: 'finish', reason: 'content-filter' },
    ]);
    expect(createGeminiStreamDecoder().decode({ data: 'not json' })).toEqual([
      { type: 'error', kind: 'upstream', message: 'Gemini sent a stream event that is not JSON.' },
    ]);
  });
});
