import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../core/stream-parts.js';
import { splitSseFrames } from './__fixtures__/read-fixture.js';
import { openaiResponsesCodec } from './index.js';

const context = { model: 'claude-sonnet-4-5', created: 1758050000, id: 'gw01HZX3' };

const toolTurn: StreamPart[] = [
  { type: 'start', id: 'msg_01AbCdEf', model: 'claude-sonnet-4-5-20250929' },
  { type: 'reasoning-delta', text: 'The user wants ' },
  { type: 'reasoning-delta', text: 'two forecasts.' },
  { type: 'reasoning-signature', signature: 'EqQBCkgIARABGAIiQL2' },
  { type: 'text-delta', text: 'Checking ' },
  { type: 'text-delta', text: 'both.' },
  { type: 'tool-input-start', id: 'toolu_paris', name: 'get_weather', index: 0 },
  { type: 'tool-input-delta', id: 'toolu_paris', delta: '{"city":' },
  { type: 'tool-input-delta', id: 'toolu_paris', delta: '"Paris"}' },
  { type: 'tool-input-end', id: 'toolu_paris' },
  { type: 'tool-input-start', id: 'toolu_now', name: 'now', index: 1 },
  { type: 'tool-input-end', id: 'toolu_now' },
  { type: 'finish', reason: 'tool-calls' },
  { type: 'usage', usage: { inputTokens: 2100, outputTokens: 95, cachedInputTokens: 1800, reasoningTokens: 40 } },
];

function encode(parts: StreamPart[]): string {
  const encoder = openaiResponsesCodec.createStreamEncoder(context);
  const chunks = parts.map((part) => encoder.encode(part));
  return chunks.join('') + encoder.end();
}

interface Event {
  type: string;
  sequence_number: number;
  output_index?: number;
  item?: { id: string; type: string; status?: string };
  response?: { status: string; output: unknown[]; usage?: unknown };
  [key: string]: unknown;
}

function events(sse: string): Event[] {
  return splitSseFrames(sse).map((frame) => {
    const data = JSON.parse(frame.data) as Event;
    expect(frame.event).toBe(data.type);
    return data;
  });
}

/** The official grammar: numbering, lifecycle bracket, and every item opened once and closed once, in order. */
function expectGrammar(sse: string): Event[] {
  expect(sse).not.toMatch(/data: (null|\{\})\n/);
  const list = events(sse);
  expect(list.map((event) => event.sequence_number)).toEqual(list.map((_, index) => index));
  expect(list.slice(0, 2).map((event) => event.type)).toEqual(['response.created', 'response.in_progress']);
  const terminal = list.at(-1);
  expect(['response.completed', 'response.incomplete', 'response.failed']).toContain(terminal?.type);
  expect(terminal?.response?.usage).toBeDefined();
  const open = new Map<number, string>();
  const closed = new Map<number, unknown>();
  for (const event of list.slice(2, -1)) {
    const index = event.output_index;
    if (event.type === 'error') continue;
    expect(index).toBeTypeOf('number');
    if (index === undefined) continue;
    if (event.type === 'response.output_item.added') {
      expect(index).toBe(open.size + closed.size);
      open.set(index, event.item?.id ?? '');
    } else {
      expect(open.has(index)).toBe(true);
      if ('item_id' in event) expect(event.item_id).toBe(open.get(index));
      if (event.type === 'response.output_item.done') {
        expect(event.item?.id).toBe(open.get(index));
        open.delete(index);
        closed.set(index, event.item);
      }
    }
  }
  expect(open.size).toBe(0);
  expect(terminal?.response?.output).toEqual([...closed.keys()].sort((a, b) => a - b).map((key) => closed.get(key)));
  return list;
}

function sdkClient(sse: string): OpenAI {
  return new OpenAI({
    apiKey: 'test',
    maxRetries: 0,
    fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
  });
}

describe('openaiResponsesCodec stream encoder', () => {
  it('writes the official event sequence for reasoning, text and parallel function calls', async () => {
    const sse = encode(toolTurn);
    await expect(sse).toMatchFileSnapshot('./__fixtures__/encoded-reasoning-text-tools.chunks.txt');
    const list = expectGrammar(sse);
    expect(list.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(list.at(-1)?.response?.usage).toEqual({
      input_tokens: 2100,
      input_tokens_details: { cached_tokens: 1800, cache_write_tokens: 0 },
      output_tokens: 95,
      output_tokens_details: { reasoning_tokens: 40 },
      total_tokens: 2195,
    });
  });

  it('is accumulated by the official SDK stream helper into the same response', async () => {
    const stream = sdkClient(encode(toolTurn)).responses.stream({ model: 'claude-sonnet-4-5', input: 'Weather?' });
    const seen: string[] = [];
    for await (const event of stream) seen.push(event.type);
    const final = await stream.finalResponse();
    expect(seen.at(-1)).toBe('response.completed');
    expect(final.output_text).toBe('Checking both.');
    expect(final.output).toMatchObject([
      {
        type: 'reasoning',
        summary: [{ text: 'The user wants two forecasts.' }],
        encrypted_content: 'EqQBCkgIARABGAIiQL2',
      },
      { type: 'message', content: [{ type: 'output_text', text: 'Checking both.' }] },
      { type: 'function_call', call_id: 'toolu_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call', call_id: 'toolu_now', name: 'now', arguments: '{}' },
    ]);
  });

  it('synthesizes the start from the context and takes usage that arrives before finish', () => {
    const list = expectGrammar(
      encode([
        { type: 'usage', usage: { inputTokens: 10, outputTokens: 3 } },
        { type: 'text-delta', text: 'Hi' },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    expect(list[0]?.response).toMatchObject({ id: 'resp_gw01HZX3', status: 'in_progress', model: 'claude-sonnet-4-5' });
    expect(list.at(-1)?.response).toMatchObject({ status: 'completed', usage: { input_tokens: 10, total_tokens: 13 } });
  });

  it('ends a length stop with response.incomplete and an incomplete message', () => {
    const list = expectGrammar(
      encode([
        { type: 'text-delta', text: 'Once upon' },
        { type: 'finish', reason: 'length' },
      ]),
    );
    expect(list.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
    expect(list.at(-2)).toMatchObject({ type: 'response.output_item.done', item: { status: 'incomplete' } });
  });

  it('closes open items and ends with error + response.failed when the upstream fails', async () => {
    const encoder = openaiResponsesCodec.createStreamEncoder(context);
    let sse = '';
    for (const part of toolTurn.slice(0, 8)) sse += encoder.encode(part);
    sse += encoder.encode({ type: 'error', kind: 'rate_limit', message: 'Upstream rate limit' });
    expect(encoder.encode({ type: 'text-delta', text: 'late' })).toBe('');
    expect(encoder.end()).toBe('');
    const list = expectGrammar(sse);
    expect(list.at(-2)).toMatchObject({
      type: 'error',
      code: 'rate_limit_exceeded',
      message: 'Upstream rate limit',
      error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
    });
    expect(list.at(-1)?.response).toMatchObject({
      status: 'failed',
      error: { code: 'rate_limit_exceeded', message: 'Upstream rate limit' },
    });
    expect(list.at(-3)).toMatchObject({
      type: 'response.output_item.done',
      item: { type: 'function_call', status: 'incomplete' },
    });
    const stream = sdkClient(sse).responses.stream({ model: 'm', input: 'x' });
    await expect(stream.finalResponse()).rejects.toThrow(/Upstream rate limit/);
  });

  it('renders redacted reasoning and a stray signature as whole reasoning items', () => {
    const list = expectGrammar(
      encode([
        { type: 'redacted-reasoning', data: 'EmwKAhgBEgy3va3pzix' },
        { type: 'text-delta', text: 'Hi' },
        { type: 'reasoning-signature', signature: 'CiQB0e2Kb7' },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    expect(list.at(-1)?.response?.output).toMatchObject([
      { type: 'reasoning', summary: [], encrypted_content: 'EmwKAhgBEgy3va3pzix' },
      { type: 'message' },
      { type: 'reasoning', summary: [], encrypted_content: 'CiQB0e2Kb7' },
    ]);
  });

  it('produces a well-formed empty response when the upstream sent nothing but a finish', () => {
    const list = expectGrammar(encode([{ type: 'finish', reason: 'stop' }]));
    expect(list.map((event) => event.type)).toEqual(['response.created', 'response.in_progress', 'response.completed']);
  });
});
