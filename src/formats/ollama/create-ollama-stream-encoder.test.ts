import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../core/stream-parts.js';
import { ollamaCodec } from './index.js';

const context = { model: 'qwen3:8b', created: 1_750_000_000, id: 'resp_1' };

function encodeAll(parts: StreamPart[]): string {
  const encoder = ollamaCodec.createStreamEncoder(context);
  return parts.map((part) => encoder.encode(part)).join('') + encoder.end();
}

function lines(output: string): Array<Record<string, unknown>> {
  expect(output.endsWith('\n')).toBe(true);
  const raw = output.slice(0, -1).split('\n');
  for (const line of raw) expect(line.trim()).not.toBe('');
  return raw.map((line) => JSON.parse(line));
}

const thinkingAndTools: StreamPart[] = [
  { type: 'start', id: 'msg_1', model: 'claude' },
  { type: 'reasoning-delta', text: 'Two cities, ' },
  { type: 'reasoning-delta', text: 'two calls.' },
  { type: 'reasoning-signature', signature: 'EqQBCkYIBxgCKkA' },
  { type: 'text-delta', text: 'Checking.' },
  { type: 'tool-input-start', id: 'toolu_a', name: 'get_weather', index: 0 },
  { type: 'tool-input-delta', id: 'toolu_a', delta: '{"city":' },
  { type: 'tool-input-delta', id: 'toolu_a', delta: '"Paris"}' },
  { type: 'tool-input-end', id: 'toolu_a' },
  { type: 'tool-input-start', id: 'toolu_b', name: 'get_weather', index: 1 },
  { type: 'tool-input-delta', id: 'toolu_b', delta: '{"city":"Toronto"}' },
  { type: 'tool-input-end', id: 'toolu_b' },
  { type: 'finish', reason: 'tool-calls' },
  { type: 'usage', usage: { inputTokens: 120, outputTokens: 48 } },
];

describe('ollama stream encoder', () => {
  it('writes the exact Ollama NDJSON lines', () => {
    const at = '2025-06-15T15:06:40.000Z';
    const head = { model: 'qwen3:8b', created_at: at };
    expect(lines(encodeAll(thinkingAndTools))).toEqual([
      { ...head, message: { role: 'assistant', content: '', thinking: 'Two cities, ' }, done: false },
      { ...head, message: { role: 'assistant', content: '', thinking: 'two calls.' }, done: false },
      { ...head, message: { role: 'assistant', content: 'Checking.' }, done: false },
      {
        ...head,
        message: {
          role: 'assistant',
          content: '',
          tool_calls: [{ function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } }],
        },
        done: false,
      },
      {
        ...head,
        message: {
          role: 'assistant',
          content: '',
          tool_calls: [{ function: { index: 1, name: 'get_weather', arguments: { city: 'Toronto' } } }],
        },
        done: false,
      },
      {
        ...head,
        message: { role: 'assistant', content: '' },
        done_reason: 'stop',
        done: true,
        total_duration: 0,
        load_duration: 0,
        prompt_eval_count: 120,
        prompt_eval_duration: 0,
        eval_count: 48,
        eval_duration: 0,
      },
    ]);
  });

  it('puts usage in the single final done line whether it comes before or after finish', () => {
    for (const order of [
      [
        { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
        { type: 'finish', reason: 'length' },
      ],
      [
        { type: 'finish', reason: 'length' },
        { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
      ],
    ] satisfies StreamPart[][]) {
      const output = lines(encodeAll([{ type: 'text-delta', text: 'Hi' }, ...order]));
      const done = output.filter((line) => line.done === true);
      expect(done).toHaveLength(1);
      expect(output.at(-1)).toMatchObject({ done: true, done_reason: 'length', prompt_eval_count: 3, eval_count: 2 });
    }
  });

  it('writes each tool call exactly once with complete arguments and a name', () => {
    const output = lines(encodeAll(thinkingAndTools));
    const calls = output.flatMap((line) => {
      const message = line.message as { tool_calls?: Array<{ function: { name: string; arguments: unknown } }> };
      return message.tool_calls ?? [];
    });
    expect(calls.map((call) => call.function.name)).toEqual(['get_weather', 'get_weather']);
    expect(calls.map((call) => call.function.arguments)).toEqual([{ city: 'Paris' }, { city: 'Toronto' }]);
  });

  it('never writes empty deltas', () => {
    const output = encodeAll([
      { type: 'text-delta', text: '' },
      { type: 'reasoning-delta', text: '' },
      { type: 'finish', reason: 'stop' },
    ]);
    expect(lines(output)).toHaveLength(1);
  });

  it('ends with an error line and nothing after it when the upstream fails', () => {
    const output = encodeAll([
      { type: 'text-delta', text: 'Par' },
      { type: 'tool-input-start', id: 't', name: 'f', index: 0 },
      { type: 'tool-input-delta', id: 't', delta: '{"a"' },
      { type: 'error', kind: 'upstream', message: 'upstream stream was cut' },
      { type: 'text-delta', text: 'ignored' },
    ]);
    expect(lines(output)).toEqual([
      {
        model: 'qwen3:8b',
        created_at: '2025-06-15T15:06:40.000Z',
        message: { role: 'assistant', content: 'Par' },
        done: false,
      },
      { error: 'upstream stream was cut' },
    ]);
  });

  it('still ends with a done line when no finish arrived, dropping an incomplete call', () => {
    const output = lines(
      encodeAll([
        { type: 'tool-input-start', id: 't', name: 'f', index: 0 },
        { type: 'tool-input-delta', id: 't', delta: '{"a"' },
      ]),
    );
    expect(output).toHaveLength(1);
    expect(output[0]).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 0, eval_count: 0 });
  });
});
