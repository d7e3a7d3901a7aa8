import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../../core/stream-parts.js';
import { ollamaAdapter } from './index.js';

function decodeFixture(name: string): StreamPart[] {
  const text = readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
  const decoder = ollamaAdapter.createStreamDecoder();
  const parts = text.split('\n').flatMap((data) => decoder.decode({ data }));
  return [...parts, ...decoder.end()];
}

/** The invariants every decoder promises its consumers. */
function expectWellFormed(parts: StreamPart[]): void {
  expect(parts.filter((part) => part.type === 'start')).toHaveLength(1);
  expect(parts[0]?.type).toBe('start');
  const open = new Set<string>();
  const ended = new Set<string>();
  for (const part of parts) {
    if (part.type === 'tool-input-start') {
      expect(part.name).not.toBe('');
      expect(open.has(part.id) || ended.has(part.id)).toBe(false);
      open.add(part.id);
    }
    if (part.type === 'tool-input-delta') expect(open.has(part.id)).toBe(true);
    if (part.type === 'tool-input-end') {
      expect(open.delete(part.id)).toBe(true);
      ended.add(part.id);
    }
    if (part.type === 'finish') expect(open.size).toBe(0);
  }
}

describe('ollama stream decoder', () => {
  it('decodes text deltas and the final counts', () => {
    const parts = decodeFixture('stream-text.chunks.txt');
    expectWellFormed(parts);
    expect(parts).toEqual([
      { type: 'start', model: 'llama3.2' },
      { type: 'text-delta', text: 'The' },
      { type: 'text-delta', text: ' sky' },
      { type: 'text-delta', text: ' is' },
      { type: 'text-delta', text: ' blue.' },
      { type: 'usage', usage: { inputTokens: 26, outputTokens: 4 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('decodes thinking and whole tool calls, finishing with tool-calls despite done_reason stop', () => {
    const parts = decodeFixture('stream-thinking-tool-calls.chunks.txt');
    expectWellFormed(parts);
    const ids = parts.flatMap((part) => (part.type === 'tool-input-start' ? [part.id] : []));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^call_[0-9a-f]{24}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(parts).toEqual([
      { type: 'start', model: 'qwen3:8b' },
      { type: 'reasoning-delta', text: 'Okay' },
      { type: 'reasoning-delta', text: ', the user wants the weather' },
      { type: 'reasoning-delta', text: ' in Paris and Toronto.' },
      { type: 'tool-input-start', id: ids[0], name: 'get_current_weather', index: 0 },
      { type: 'tool-input-delta', id: ids[0], delta: '{"format":"celsius","location":"Paris, FR"}' },
      { type: 'tool-input-end', id: ids[0] },
      { type: 'tool-input-start', id: ids[1], name: 'get_current_weather', index: 1 },
      { type: 'tool-input-delta', id: ids[1], delta: '{"format":"celsius","location":"Toronto, CA"}' },
      { type: 'tool-input-end', id: ids[1] },
      { type: 'usage', usage: { inputTokens: 310, outputTokens: 71 } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  it('keeps the ids newer Ollama versions send', () => {
    const parts = decodeFixture('stream-tool-call-ids.chunks.txt');
    expectWellFormed(parts);
    expect(parts.filter((part) => part.type === 'tool-input-start')).toEqual([
      { type: 'tool-input-start', id: 'call_k2v8x0qz', name: 'read_file', index: 0 },
      { type: 'tool-input-start', id: 'call_p1m4c7rt', name: 'list_dir', index: 1 },
    ]);
  });

  it('turns an in-stream error line into an error part', () => {
    const parts = decodeFixture('stream-error.chunks.txt');
    expect(parts).toEqual([
      { type: 'start', model: 'llama3.2' },
      { type: 'text-delta', text: 'Once' },
      { type: 'text-delta', text: ' upon' },
      { type: 'error', kind: 'upstream', message: 'an error was encountered while running the model: unexpected EOF' },
    ]);
  });

  it('reports a line that is not JSON', () => {
    const decoder = ollamaAdapter.createStreamDecoder();
    expect(decoder.decode({ data: '{"model":' })).toEqual([
      { type: 'error', kind: 'upstream', message: 'Ollama sent a stream line that is not JSON' },
    ]);
  });
});
