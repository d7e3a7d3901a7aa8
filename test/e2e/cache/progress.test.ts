import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheGatewayPerFile } from './cache-setup.js';

const gateway = cacheGatewayPerFile();
const progress = { 'x-omniroute-progress': 'true' };
// A long prompt the mock echoes word by word, one frame at a time (trickle), so progress comes along the way.
const prompt = (name: string) => `${name} progress ${'lorem ipsum dolor sit amet '.repeat(6)}[[mock:trickle=5]]`;

let openai: OpenAI;
let anthropic: Anthropic;
let genai: GoogleGenAI;
beforeAll(() => {
  const { url } = gateway.harness;
  openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'anything', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: url, apiKey: 'anything', maxRetries: 0 });
  genai = new GoogleGenAI({ apiKey: 'anything', httpOptions: { baseUrl: url } });
});

/** The raw stream of a request, to see the progress frames the SDKs skip. */
async function rawStream(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.harness.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', ...headers },
    body: JSON.stringify(body),
  });
  return { header: response.headers.get('x-omniroute-progress'), text: await response.text() };
}

function progressFrames(text: string, style: 'comment' | 'event') {
  const pattern = style === 'comment' ? /^: progress (\{.*\})$/gm : /^event: progress\ndata: (\{.*\})$/gm;
  return [...text.matchAll(pattern)].map((match) => JSON.parse(match[1] ?? '{}'));
}

function expectProgress(frames: Array<Record<string, unknown>>) {
  expect(frames.length).toBeGreaterThan(1);
  const last = frames.at(-1);
  expect(last).toMatchObject({ done: true, tokens_generated: expect.any(Number), elapsed_ms: expect.any(Number) });
  expect(last?.tokens_generated).toBeGreaterThan(0);
  expect(frames.slice(0, -1).every((frame) => frame.done === undefined)).toBe(true);
}

describe('X-OmniRoute-Progress', () => {
  it('OpenAI Chat: progress as SSE comments, the SDK parses the same answer', async () => {
    const body = { model: 'openai/gpt-4.1', messages: [{ role: 'user', content: prompt('chat') }], stream: true };
    const raw = await rawStream('/v1/chat/completions', body, progress);
    expect(raw.header).toBe('enabled');
    expectProgress(progressFrames(raw.text, 'comment'));
    // Progress ends before the stream does.
    expect(raw.text.lastIndexOf('"done":true')).toBeLessThan(raw.text.indexOf('data: [DONE]'));

    const read = async (headers: Record<string, string>) => {
      const stream = await openai.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsStreaming, {
        headers,
      });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    };
    expect(await read(progress)).toBe(await read({}));
  });

  it('OpenAI Responses: the SDK stream helper folds the same response', async () => {
    const read = async (headers: Record<string, string>) => {
      const stream = openai.responses.stream({ model: 'openai/gpt-4.1', input: prompt('responses') }, { headers });
      return (await stream.finalResponse()).output_text;
    };
    expect(await read(progress)).toBe(await read({}));
    const raw = await rawStream(
      '/v1/responses',
      { model: 'openai/gpt-4.1', input: prompt('responses'), stream: true },
      progress,
    );
    expectProgress(progressFrames(raw.text, 'comment'));
  });

  it('Anthropic: `event: progress` frames, the SDK folds the same message', async () => {
    const body = {
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 200,
      messages: [{ role: 'user' as const, content: prompt('anthropic') }],
    };
    const raw = await rawStream('/v1/messages', { ...body, stream: true }, progress);
    expect(raw.header).toBe('enabled');
    const frames = progressFrames(raw.text, 'event');
    expectProgress(frames);
    expect(frames[0]).toMatchObject({ type: 'progress' });

    const read = async (headers: Record<string, string>) => {
      const events: string[] = [];
      const stream = anthropic.messages.stream(body, { headers });
      stream.on('streamEvent', (event) => events.push(event.type));
      const message = await stream.finalMessage();
      return { content: message.content, stop: message.stop_reason, last: events.at(-1) };
    };
    const plain = await read({});
    expect(await read(progress)).toEqual(plain);
    expect(plain.last).toBe('message_stop');
  });

  it('Gemini: progress as SSE comments, @google/genai parses the same text', async () => {
    const read = async (headers: Record<string, string>) => {
      const stream = await genai.models.generateContentStream({
        model: 'gemini/gemini-2.5-flash',
        contents: prompt('gemini'),
        config: { httpOptions: { headers } },
      });
      let text = '';
      let chunks = 0;
      for await (const chunk of stream) {
        chunks += 1;
        text += chunk.text ?? '';
      }
      return { text, chunks };
    };
    expect(await read(progress)).toEqual(await read({}));
    const raw = await rawStream(
      '/v1beta/models/gemini/gemini-2.5-flash:streamGenerateContent?alt=sse',
      { contents: [{ role: 'user', parts: [{ text: prompt('gemini') }] }] },
      progress,
    );
    expectProgress(progressFrames(raw.text, 'comment'));
  });

  it('replays a cached answer with progress too', async () => {
    const body = {
      model: 'openai/gpt-4.1',
      temperature: 0,
      messages: [{ role: 'user', content: prompt('cached') }],
      stream: true,
    };
    await rawStream('/v1/chat/completions', body);
    const raw = await rawStream('/v1/chat/completions', body, progress);
    expect(gateway.upstreamCalls()).toBe(1);
    expect(progressFrames(raw.text, 'comment').at(-1)).toMatchObject({ done: true });
  });

  it('Ollama (NDJSON): no progress lines, so the ollama client reads the stream unchanged', async () => {
    const raw = await rawStream(
      '/api/chat',
      { model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'ollama progress' }] },
      progress,
    );
    expect(raw.header).toBeNull();
    expect(raw.text).not.toContain('tokens_generated');
    const ollama = new Ollama({ host: gateway.harness.url, headers: progress });
    let text = '';
    for await (const part of await ollama.chat({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'ollama progress' }],
      stream: true,
    })) {
      text += part.message.content;
    }
    expect(text).toContain('ollama progress');
  });

  it('adds nothing without the header', async () => {
    const raw = await rawStream('/v1/chat/completions', {
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'no progress' }],
      stream: true,
    });
    expect(raw.header).toBeNull();
    expect(raw.text).not.toContain('progress {');
  });
});
