import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../core/stream-parts.js';
import { splitSse } from './__fixtures__/split-sse.js';
import { anthropicCodec } from './index.js';

const context = { model: 'claude-sonnet-4-5', created: 1_700_000_000, id: 'msg_gateway_1' };

interface Event {
  type: string;
  index?: number;
  content_block?: { type: string; id?: string; name?: string };
  delta?: { type: string; partial_json?: string; stop_reason?: string };
  usage?: Record<string, number>;
}

function encode(parts: StreamPart[]): string {
  const encoder = anthropicCodec.createStreamEncoder(context);
  return parts.map((part) => encoder.encode(part)).join('') + encoder.end();
}

/** Checks the official event grammar and returns the decoded events. */
function wellFormed(text: string): Event[] {
  const frames = splitSse(text);
  const events = frames.map((frame): Event => {
    expect(frame.data).not.toBe('');
    const event: Event = JSON.parse(frame.data);
    expect(frame.event).toBe(event.type);
    return event;
  });
  expect(events[0]?.type).toBe('message_start');
  expect(events.at(-2)?.type).toBe('message_delta');
  expect(events.at(-1)?.type).toBe('message_stop');
  let open: number | undefined;
  let next = 0;
  const toolArguments = new Map<string, string>();
  let toolId: string | undefined;
  for (const event of events.slice(1, -2)) {
    switch (event.type) {
      case 'content_block_start':
        expect(open).toBeUndefined();
        expect(event.index).toBe(next);
        open = next;
        next += 1;
        if (event.content_block?.type === 'tool_use') {
          toolId = event.content_block.id ?? '';
          expect(event.content_block.name).not.toBe('');
          expect(toolArguments.has(toolId)).toBe(false);
          toolArguments.set(toolId, '');
        } else toolId = undefined;
        break;
      case 'content_block_delta':
        expect(event.index).toBe(open);
        if (event.delta?.type === 'input_json_delta' && toolId !== undefined) {
          toolArguments.set(toolId, (toolArguments.get(toolId) ?? '') + event.delta.partial_json);
        }
        break;
      case 'content_block_stop':
        expect(event.index).toBe(open);
        open = undefined;
        break;
      default:
        throw new Error(`unexpected ${event.type} inside the message`);
    }
  }
  expect(open).toBeUndefined();
  for (const args of toolArguments.values()) expect(() => JSON.parse(args === '' ? '{}' : args)).not.toThrow();
  return events;
}

const fullTurn: StreamPart[] = [
  { type: 'start', id: 'msg_01abc', model: 'upstream-model' },
  { type: 'reasoning-delta', text: 'Two cities, ' },
  { type: 'reasoning-delta', text: 'two calls.' },
  { type: 'reasoning-signature', signature: 'EqQBCgIYAhIM' },
  { type: 'text-delta', text: 'Checking.' },
  { type: 'tool-input-start', id: 'toolu_01', name: 'get_weather', index: 0 },
  { type: 'tool-input-delta', id: 'toolu_01', delta: '{"city":' },
  { type: 'tool-input-delta', id: 'toolu_01', delta: '"Paris"}' },
  { type: 'tool-input-end', id: 'toolu_01' },
  { type: 'tool-input-start', id: 'toolu_02', name: 'get_weather', index: 1 },
  { type: 'tool-input-delta', id: 'toolu_02', delta: '{"city":"Rome"}' },
  { type: 'tool-input-end', id: 'toolu_02' },
  { type: 'finish', reason: 'tool-calls' },
  { type: 'usage', usage: { inputTokens: 1500, outputTokens: 120, cachedInputTokens: 1000 } },
];

describe('anthropic stream encoder', () => {
  it('emits the exact official event sequence', () => {
    const events = wellFormed(encode(fullTurn));
    expect(events).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_01abc',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Two cities, ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'two calls.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Checking.' } },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: {} },
      },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'content_block_start',
        index: 3,
        content_block: { type: 'tool_use', id: 'toolu_02', name: 'get_weather', input: {} },
      },
      { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{"city":"Rome"}' } },
      { type: 'content_block_stop', index: 3 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { input_tokens: 500, cache_creation_input_tokens: 0, cache_read_input_tokens: 1000, output_tokens: 120 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('is read by the official Anthropic SDK into the same message', async () => {
    const body = encode(fullTurn);
    const client = new Anthropic({
      apiKey: 'test',
      baseURL: 'http://gateway.test',
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const message = await client.messages
      .stream({ model: 'claude-opus-4-8', max_tokens: 100, messages: [{ role: 'user', content: 'weather?' }] })
      .finalMessage();
    expect(message.content).toMatchObject([
      { type: 'thinking', thinking: 'Two cities, two calls.', signature: 'EqQBCgIYAhIM' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_02', name: 'get_weather', input: { city: 'Rome' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 500, cache_read_input_tokens: 1000, output_tokens: 120 });
  });

  it('keeps each interleaved tool call in one block with complete arguments', () => {
    const events = wellFormed(
      encode([
        { type: 'tool-input-start', id: 'a', name: 'first', index: 0 },
        { type: 'tool-input-start', id: 'b', name: 'second', index: 1 },
        { type: 'tool-input-delta', id: 'a', delta: '{"x":' },
        { type: 'tool-input-delta', id: 'b', delta: '{"y":2}' },
        { type: 'tool-input-delta', id: 'a', delta: '1}' },
        { type: 'tool-input-end', id: 'a' },
        { type: 'tool-input-end', id: 'b' },
        { type: 'usage', usage: { inputTokens: 10, outputTokens: 5 } },
        { type: 'finish', reason: 'tool-calls' },
      ]),
    );
    const json = (index: number) =>
      events
        .filter((event) => event.type === 'content_block_delta' && event.index === index)
        .map((event) => event.delta?.partial_json)
        .join('');
    expect(json(0)).toBe('{"x":1}');
    expect(json(1)).toBe('{"y":2}');
    expect(events.at(-2)).toMatchObject({
      delta: { stop_reason: 'tool_use' },
      usage: { input_tokens: 10, output_tokens: 5 },
    });
  });

  it('synthesizes message_start, closes open blocks and ends well-formed without a finish', () => {
    const events = wellFormed(
      encode([
        { type: 'text-delta', text: 'Hel' },
        { type: 'text-delta', text: '' },
        { type: 'tool-input-start', id: 'c', name: 'f', index: 0 },
        { type: 'tool-input-delta', id: 'c', delta: '{}' },
      ]),
    );
    expect(events[0]).toMatchObject({
      type: 'message_start',
      message: { id: 'msg_gateway_1', model: 'claude-sonnet-4-5' },
    });
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'end_turn' } });
  });

  it('starts a new thinking block for a signature that arrives outside one, and emits redacted thinking whole', () => {
    const events = wellFormed(
      encode([
        { type: 'text-delta', text: 'a' },
        { type: 'reasoning-signature', signature: 'sig' },
        { type: 'redacted-reasoning', data: 'opaque' },
        { type: 'reasoning-delta', text: 'more' },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    const starts = events
      .filter((event) => event.type === 'content_block_start')
      .map((event) => event.content_block?.type);
    expect(starts).toEqual(['text', 'thinking', 'redacted_thinking', 'thinking']);
  });

  it('ends the stream with the error event and nothing after it', () => {
    const encoder = anthropicCodec.createStreamEncoder(context);
    const head = encoder.encode({ type: 'text-delta', text: 'partial' });
    const error = encoder.encode({ type: 'error', kind: 'unavailable', message: 'Overloaded' });
    expect(head).toContain('event: message_start');
    expect(error).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
    expect(encoder.encode({ type: 'text-delta', text: 'late' })).toBe('');
    expect(encoder.end()).toBe('');
  });

  it('reports usage that arrives before the finish', () => {
    const events = wellFormed(
      encode([
        { type: 'start' },
        { type: 'text-delta', text: 'hi' },
        { type: 'usage', usage: { inputTokens: 7, outputTokens: 2, cacheWriteTokens: 3 } },
        { type: 'finish', reason: 'length' },
      ]),
    );
    expect(events.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'max_tokens', stop_sequence: null },
      usage: { input_tokens: 4, cache_creation_input_tokens: 3, cache_read_input_tokens: 0, output_tokens: 2 },
    });
  });
});
