import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import type { CanonicalResponse } from '../../../core/canonical.js';
import { GatewayError } from '../../../core/errors.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { openaiCompletionsCodec } from './index.js';

const context = { model: 'instruct-alias', created: 1751900000, id: 'req_07' };

describe('parseRequest', () => {
  test('the prompt becomes one user message; suffix is warned about', () => {
    const body = JSON.parse(readFileSync(new URL('./__fixtures__/instruct.request.json', import.meta.url), 'utf8'));
    expect(openaiCompletionsCodec.parseRequest(body)).toEqual({
      value: {
        model: 'gpt-3.5-turbo-instruct',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Write a tagline for an ice cream shop.' }] }],
        maxOutputTokens: 32,
        temperature: 0.7,
        stopSequences: ['\n'],
        stream: true,
      },
      warnings: ['suffix (insertion) is not supported and was ignored'],
    });
  });

  test.each<[string, unknown, string]>([
    ['several prompts', { model: 'm', prompt: ['a', 'b'] }, 'prompt'],
    ['token ids', { model: 'm', prompt: [1, 2, 3] }, 'prompt'],
    ['no prompt', { model: 'm' }, 'prompt'],
    ['n > 1', { model: 'm', prompt: 'x', n: 3 }, 'n'],
    ['echo', { model: 'm', prompt: 'x', echo: true }, 'echo'],
  ])('rejects %s', (_name, body, param) => {
    try {
      openaiCompletionsCodec.parseRequest(body);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).param).toBe(param);
      expect((error as GatewayError).status).toBe(400);
    }
  });
});

test('renderResponse: text only, with usage', () => {
  const response: CanonicalResponse = {
    id: 'chatcmpl-xyz',
    model: 'gpt-4o-mini',
    content: [
      { type: 'reasoning', text: 'hidden' },
      { type: 'text', text: 'Scoops of joy!' },
    ],
    finishReason: 'length',
    usage: { inputTokens: 9, outputTokens: 5 },
  };
  expect(openaiCompletionsCodec.renderResponse(response, context)).toEqual({
    id: 'cmpl-chatcmpl-xyz',
    object: 'text_completion',
    created: 1751900000,
    model: 'instruct-alias',
    choices: [{ text: 'Scoops of joy!', index: 0, finish_reason: 'length', logprobs: null }],
    usage: {
      prompt_tokens: 9,
      completion_tokens: 5,
      total_tokens: 14,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  });
});

describe('createStreamEncoder', () => {
  const parts: StreamPart[] = [
    { type: 'start', id: 'up-1' },
    { type: 'reasoning-delta', text: 'hmm' },
    { type: 'text-delta', text: 'Scoops' },
    { type: 'text-delta', text: ' of joy!' },
    { type: 'finish', reason: 'stop' },
    { type: 'usage', usage: { inputTokens: 9, outputTokens: 4 } },
  ];

  function encode(list: StreamPart[]): string {
    const encoder = openaiCompletionsCodec.createStreamEncoder(context);
    return list.map((part) => encoder.encode(part)).join('') + encoder.end();
  }

  test('text_completion chunks, the last with finish and usage, then [DONE]', () => {
    const frames = encode(parts).slice(0, -2).split('\n\n');
    expect(frames.at(-1)).toBe('data: [DONE]');
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame.slice(6)));
    expect(chunks.map((chunk) => chunk.choices[0].text)).toEqual(['Scoops', ' of joy!', '']);
    expect(chunks.every((chunk) => chunk.object === 'text_completion' && chunk.id === 'cmpl-up-1')).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [{ finish_reason: 'stop' }], usage: { total_tokens: 13 } });
  });

  test('the official SDK reads it', async () => {
    const client = new OpenAI({
      apiKey: 'test',
      baseURL: 'http://gateway.test/v1',
      fetch: async () => new Response(encode(parts), { headers: { 'content-type': 'text/event-stream' } }),
    });
    const stream = await client.completions.create({ model: 'instruct-alias', prompt: 'x', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe('Scoops of joy!');
  });

  test('an error ends with the error frame and [DONE]', () => {
    const text = encode([
      { type: 'text-delta', text: 'a' },
      { type: 'error', kind: 'timeout', message: 'slow' },
    ]);
    expect(
      text.endsWith(
        'data: {"error":{"message":"slow","type":"server_error","code":"timeout","param":null}}\n\ndata: [DONE]\n\n',
      ),
    ).toBe(true);
  });
});
