import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheGatewayPerFile, chatBody } from './cache-setup.js';

const gateway = cacheGatewayPerFile();
let openai: OpenAI;
let anthropic: Anthropic;
let genai: GoogleGenAI;
beforeAll(() => {
  const { url } = gateway.harness;
  openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'anything', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: url, apiKey: 'anything', maxRetries: 0 });
  genai = new GoogleGenAI({ apiKey: 'anything', httpOptions: { baseUrl: url } });
});

async function openaiStream(text: string, extra: Record<string, unknown> = {}) {
  const { data, response } = await openai.chat.completions
    .create({ ...chatBody(text, extra), stream: true } as OpenAI.ChatCompletionCreateParamsStreaming)
    .withResponse();
  let content = '';
  let finish: string | null | undefined;
  for await (const chunk of data) {
    content += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  return { content, finish, cache: response.headers.get('x-omniroute-cache') };
}

describe('streamed answers in the cache', () => {
  it('caches a streamed answer and replays it as a stream the OpenAI SDK parses (Chat)', async () => {
    const first = await openaiStream('Stream and cache this');
    expect(first.cache).toBe('MISS');
    const second = await openaiStream('Stream and cache this');
    expect(second).toEqual({ ...first, cache: 'HIT' });
    expect(gateway.upstreamCalls()).toBe(1);
  });

  it('serves a JSON request from a streamed answer, and a stream from a JSON answer', async () => {
    const streamed = await openaiStream('Stream first, JSON next');
    const { data, response } = await openai.chat.completions.create(chatBody('Stream first, JSON next')).withResponse();
    expect(response.headers.get('x-omniroute-cache')).toBe('HIT');
    expect(data.choices[0]?.message.content).toBe(streamed.content);

    const json = await openai.chat.completions.create(chatBody('JSON first, stream next'));
    const replayed = await openaiStream('JSON first, stream next');
    expect(replayed.cache).toBe('HIT');
    expect(replayed.content).toBe(json.choices[0]?.message.content);
    expect(gateway.upstreamCalls()).toBe(2);
  });

  it('replays tool calls in a stream', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } },
      },
    ];
    const run = async () => {
      const stream = await openai.chat.completions.create({ ...chatBody('Weather?'), tools, stream: true });
      let args = '';
      let name = '';
      for await (const chunk of stream) {
        const call = chunk.choices[0]?.delta.tool_calls?.[0];
        name += call?.function?.name ?? '';
        args += call?.function?.arguments ?? '';
      }
      return { name, args: JSON.parse(args) };
    };
    const first = await run();
    expect(first).toEqual({ name: 'get_weather', args: { location: 'Paris' } });
    expect(await run()).toEqual(first);
    expect(gateway.upstreamCalls()).toBe(1);
  });

  it('replays an OpenAI Responses stream the SDK folds into the same response', async () => {
    const run = async () => {
      const stream = openai.responses.stream({ model: 'openai/gpt-4.1', input: 'Responses cached', temperature: 0 });
      return (await stream.finalResponse()).output_text;
    };
    const first = await run();
    expect(first).toContain('Responses cached');
    expect(await run()).toBe(first);
    expect(gateway.upstreamCalls()).toBe(1);
  });

  it('replays an Anthropic stream that the SDK folds into the same message', async () => {
    const run = async () => {
      const stream = anthropic.messages.stream({
        model: 'anthropic/claude-sonnet-4-5',
        max_tokens: 100,
        temperature: 0,
        messages: [{ role: 'user', content: 'Anthropic cached' }],
      });
      const message = await stream.finalMessage();
      return { content: message.content, stop: message.stop_reason, output: message.usage.output_tokens };
    };
    const first = await run();
    expect(first.content).toEqual([
      expect.objectContaining({ type: 'text', text: expect.stringContaining('Anthropic cached') }),
    ]);
    expect(await run()).toEqual(first);
    expect(gateway.upstreamCalls()).toBe(1);
  });

  it('replays a Gemini stream that @google/genai parses into the same text', async () => {
    const run = async () => {
      const stream = await genai.models.generateContentStream({
        model: 'gemini/gemini-2.5-flash',
        contents: 'Gemini cached',
        config: { temperature: 0 },
      });
      let text = '';
      let finish: string | undefined;
      for await (const chunk of stream) {
        text += chunk.text ?? '';
        finish = chunk.candidates?.[0]?.finishReason ?? finish;
      }
      return { text, finish };
    };
    const first = await run();
    expect(first.text).toContain('Gemini cached');
    expect(await run()).toEqual(first);
    expect(gateway.upstreamCalls()).toBe(1);
  });

  it('serves a cached Anthropic answer to a translated client format only within its own format', async () => {
    // Same model and prompt, but asked through the OpenAI API: a different client format is a different key.
    await anthropic.messages.create({
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 100,
      // The SDK's types no longer list `temperature`; the API (and the gateway) still take it.
      ...({ temperature: 0 } as object),
      messages: [{ role: 'user', content: 'Format apart' }],
    });
    const viaOpenai = await openaiStream('Format apart', { model: 'anthropic/claude-sonnet-4-5', max_tokens: 100 });
    expect(viaOpenai.cache).toBe('MISS');
    expect(gateway.upstreamCalls()).toBe(2);
  });
});
