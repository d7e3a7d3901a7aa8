import Anthropic, { OverloadedError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.mjs';

let mock: MockUpstream;
let anthropic: Anthropic;

beforeAll(async () => {
  mock = await startMockUpstream();
  anthropic = new Anthropic({ apiKey: 'sk-ant-test', baseURL: mock.url, maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a place',
  input_schema: { type: 'object' as const, properties: { location: { type: 'string' } }, required: ['location'] },
};

describe('anthropic messages', () => {
  it('answers text with usage, and counts tokens', async () => {
    const message = await anthropic.messages.create({
      model: 'claude-mock-1',
      max_tokens: 1024,
      system: 'Be brief. [[mock:cached=40]]',
      messages: [{ role: 'user', content: 'Hello Claude' }],
    });
    expect(message.model).toBe('claude-mock-1');
    expect(message.content).toEqual([{ type: 'text', text: 'Mock anthropic reply to: Hello Claude', citations: null }]);
    expect(message.stop_reason).toBe('end_turn');
    // 40 prompt characters → 10 tokens, all of them (and more) claimed cached: input_tokens never goes negative.
    expect(message.usage).toMatchObject({ input_tokens: 0, cache_read_input_tokens: 40, output_tokens: 6 });

    const count = await anthropic.messages.countTokens({
      model: 'claude-mock-1',
      messages: [{ role: 'user', content: 'Sixteen chars ok' }],
    });
    expect(count.input_tokens).toBe(4);
  });

  it('streams text as several deltas with the full event grammar', async () => {
    const stream = anthropic.messages.stream({
      model: 'claude-mock-1',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Stream please' }],
    });
    const events: string[] = [];
    const deltas: string[] = [];
    stream.on('streamEvent', (event) => events.push(event.type));
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Mock anthropic reply to: Stream please');
    expect(message.usage.output_tokens).toBe(6);
    expect(events[0]).toBe('message_start');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
  });

  it('streams thinking with a signature, then a tool_use whose input arrives in pieces', async () => {
    const stream = anthropic.messages.stream({
      model: 'claude-mock-1',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    const inputPieces: string[] = [];
    const indices: number[] = [];
    stream.on('inputJson', (piece) => inputPieces.push(piece));
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_start') indices.push(event.index);
    });
    const message = await stream.finalMessage();
    const [thinking, toolUse] = message.content;
    expect(thinking).toMatchObject({ type: 'thinking', thinking: 'Mock reasoning about: Weather in Paris?' });
    expect(thinking?.type === 'thinking' && thinking.signature).toMatch(/^sig_mock_\d+$/);
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { location: 'Paris' } });
    expect(toolUse?.type === 'tool_use' && toolUse.id).toMatch(/^toolu_/);
    expect(inputPieces.filter((piece) => piece !== '').length).toBeGreaterThanOrEqual(2);
    expect(indices).toEqual([0, 1]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage.output_tokens).toBe(5 + 6);
  });

  it('answers a tool result, and two tool calls with [[mock:parallel]]', async () => {
    const answer = await anthropic.messages.create({
      model: 'claude-mock-1',
      max_tokens: 1024,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
      ],
    });
    expect(answer.content[0]).toMatchObject({ type: 'text', text: 'Mock anthropic got tool result: sunny' });

    const parallel = await anthropic.messages.create({
      model: 'claude-mock-1',
      max_tokens: 1024,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Two places [[mock:parallel]]' }],
    });
    expect(parallel.content.map((block) => block.type)).toEqual(['tool_use', 'tool_use']);
  });

  it('reports 529 as overloaded_error', async () => {
    const request = anthropic.messages.create({
      model: 'claude-mock-1',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Busy? [[mock:status=529]]' }],
    });
    const error = await request.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OverloadedError);
    expect(error instanceof OverloadedError && error.error).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    });
  });

  it('requires x-api-key and anthropic-version', async () => {
    const body = JSON.stringify({ model: 'claude-mock-1', max_tokens: 10, messages: [] });
    const noKey = await fetch(`${mock.url}/v1/messages`, {
      method: 'POST',
      body,
      headers: { 'anthropic-version': '2023-06-01' },
    });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const noVersion = await fetch(`${mock.url}/v1/messages`, { method: 'POST', body, headers: { 'x-api-key': 'k' } });
    expect(noVersion.status).toBe(400);
  });
});
