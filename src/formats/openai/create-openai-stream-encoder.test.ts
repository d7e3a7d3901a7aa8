import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import type { StreamPart } from '../../core/stream-parts.js';
import { createOpenaiStreamEncoder, openaiCodec } from './index.js';

const context = { model: 'my-alias', created: 1751900000, id: 'req_01' };

function encodeAll(parts: StreamPart[], includeUsageChunk = false): string {
  const encoder = includeUsageChunk
    ? createOpenaiStreamEncoder(context, { includeUsageChunk: true })
    : openaiCodec.createStreamEncoder(context);
  return parts.map((part) => encoder.encode(part)).join('') + encoder.end();
}

/** Frames as parsed JSON, `[DONE]` as the string. */
function frames(text: string): unknown[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      const data = frame.slice('data: '.length);
      return data === '[DONE]' ? data : JSON.parse(data);
    });
}

const usage = { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100, reasoningTokens: 12 };

const toolStream: StreamPart[] = [
  { type: 'start', id: 'msg_01Aq9w938a90dw8q', model: 'claude-sonnet-4' },
  { type: 'reasoning-delta', text: 'Need weather and time.' },
  { type: 'reasoning-signature', signature: 'EqQBCgIYAhIM' },
  { type: 'text-delta', text: 'Let me check.' },
  { type: 'tool-input-start', id: 'toolu_01', name: 'get_weather', index: 0 },
  { type: 'tool-input-delta', id: 'toolu_01', delta: '{"city":' },
  { type: 'tool-input-delta', id: 'toolu_01', delta: '"Paris"}' },
  { type: 'tool-input-end', id: 'toolu_01' },
  { type: 'tool-input-start', id: 'toolu_02', name: 'get_time', index: 1 },
  { type: 'tool-input-delta', id: 'toolu_02', delta: '{}' },
  { type: 'tool-input-end', id: 'toolu_02' },
  { type: 'finish', reason: 'tool-calls' },
  { type: 'usage', usage },
];

describe('createStreamEncoder', () => {
  test('exact frames of a short text answer', () => {
    const text = encodeAll([
      { type: 'start', id: 'chatcmpl-up1', model: 'gpt-4o' },
      { type: 'text-delta', text: 'Hi' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 1 } },
      { type: 'finish', reason: 'stop' },
    ]);
    const head = '{"id":"chatcmpl-up1","object":"chat.completion.chunk","created":1751900000,"model":"my-alias"';
    expect(text).toBe(
      `data: ${head},"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n` +
        `data: ${head},"choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]}\n\n` +
        `data: ${head},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],` +
        '"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}\n\n' +
        'data: [DONE]\n\n',
    );
  });

  test('event-order invariants of a reasoning + parallel tool call answer', () => {
    const list = frames(encodeAll(toolStream));
    expect(list.at(-1)).toBe('[DONE]');
    const chunks = list.slice(0, -1) as Array<{
      id: string;
      object: string;
      choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>;
      usage?: unknown;
    }>;
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['chatcmpl-msg_01Aq9w938a90dw8q']));
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.choices.length === 1)).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    // Exactly one finish, on the last chunk, which carries the usage.
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason !== null)).toHaveLength(1);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 });
    expect(chunks.slice(0, -1).some((chunk) => 'usage' in chunk)).toBe(false);

    const deltas = chunks.map((chunk) => chunk.choices[0]?.delta);
    expect(deltas).toContainEqual({ reasoning_content: 'Need weather and time.' });
    const toolDeltas = deltas.flatMap((delta) => (delta?.tool_calls as Array<Record<string, unknown>>) ?? []);
    expect(toolDeltas).toEqual([
      { index: 0, id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 0, function: { arguments: '{"city":' } },
      { index: 0, function: { arguments: '"Paris"}' } },
      { index: 1, id: 'toolu_02', type: 'function', function: { name: 'get_time', arguments: '' } },
      { index: 1, function: { arguments: '{}' } },
    ]);
  });

  test('usage before or after finish gives the same frames', () => {
    const before = encodeAll([
      { type: 'text-delta', text: 'x' },
      { type: 'usage', usage },
      { type: 'finish', reason: 'stop' },
    ]);
    const after = encodeAll([
      { type: 'text-delta', text: 'x' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage },
    ]);
    expect(before).toBe(after);
  });

  test('a missing start is synthesized from the context', () => {
    const list = frames(
      encodeAll([
        { type: 'text-delta', text: 'x' },
        { type: 'finish', reason: 'length' },
      ]),
    ) as Array<{
      id: string;
      choices: Array<{ delta: unknown; finish_reason: string | null }>;
    }>;
    expect(list[0]).toMatchObject({ id: 'chatcmpl-req_01', choices: [{ delta: { role: 'assistant', content: '' } }] });
    expect(list[2]).toMatchObject({ choices: [{ finish_reason: 'length' }] });
  });

  test('an upstream cut: error frame, then only the terminator', () => {
    const text = encodeAll([
      { type: 'text-delta', text: 'Partial' },
      { type: 'error', kind: 'upstream', message: 'The upstream stream ended early' },
      { type: 'text-delta', text: 'ignored' },
    ]);
    const list = frames(text);
    expect(list.slice(-2)).toEqual([
      { error: { message: 'The upstream stream ended early', type: 'server_error', code: 'upstream', param: null } },
      '[DONE]',
    ]);
    expect(text).not.toContain('ignored');
    expect(text).not.toContain('finish_reason":"stop');
  });

  test('an empty stream still ends well-formed', () => {
    const list = frames(encodeAll([]));
    expect(list).toHaveLength(3);
    expect(list[1]).toMatchObject({ choices: [{ finish_reason: 'stop' }], usage: { total_tokens: 0 } });
  });

  test('includeUsageChunk: usage null on every chunk, then OpenAI’s separate usage-only chunk', () => {
    const list = frames(encodeAll(toolStream, true));
    const chunks = list.slice(0, -1) as Array<{ choices: unknown[]; usage: unknown }>;
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-2)?.choices).toMatchObject([{ finish_reason: 'tool_calls' }]);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 120, prompt_tokens_details: { cached_tokens: 100 } },
    });
    expect(list.at(-1)).toBe('[DONE]');
  });
});

describe('the official OpenAI SDK reads the stream', () => {
  function clientServing(body: string): OpenAI {
    return new OpenAI({
      apiKey: 'test',
      baseURL: 'http://gateway.test/v1',
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    });
  }

  test('ChatCompletionStream assembles text, tool calls and usage', async () => {
    const stream = clientServing(encodeAll(toolStream)).chat.completions.stream({ model: 'my-alias', messages: [] });
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0]?.message.content).toBe('Let me check.');
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      { id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'toolu_02', type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.usage?.total_tokens).toBe(150);
  });

  test('the SDK raises the in-stream error', async () => {
    const text = encodeAll([
      { type: 'text-delta', text: 'Partial' },
      { type: 'error', kind: 'rate_limit', message: 'Too many requests' },
    ]);
    const stream = await clientServing(text).chat.completions.create({ model: 'my-alias', messages: [], stream: true });
    await expect(async () => {
      for await (const _chunk of stream) {
        // drain
      }
    }).rejects.toThrow(/Too many requests/);
  });
});
