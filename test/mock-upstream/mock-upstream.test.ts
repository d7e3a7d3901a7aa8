import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { GoogleGenAI } from '@google/genai';
import OpenAI, { APIUserAbortError, RateLimitError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.mjs';

let mock: MockUpstream;
let openai: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${mock.url}/v1`, maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const chat = (content: string, model = 'gpt-4o') =>
  openai.chat.completions.create({ model, messages: [{ role: 'user', content }] });

const streamChat = (content: string) =>
  openai.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content }] });

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${mock.url}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', ...headers },
  });

describe('fault injection', () => {
  it('answers a queued status with Retry-After, once, for the matching request only', async () => {
    mock.enqueueFault({ status: 429, retryAfter: 2 }, { path: '/v1/chat/completions', model: 'gpt-4o' });
    expect((await chat('other model', 'gpt-4o-mini')).choices[0]?.message.content).toContain('other model');
    const error = await chat('first').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error instanceof RateLimitError && error.headers.get('retry-after')).toBe('2');
    expect(error instanceof RateLimitError && error.error).toMatchObject({
      type: 'requests',
      code: 'rate_limit_exceeded',
    });
    expect((await chat('second')).choices[0]?.message.content).toBe('Mock openai reply to: second');
  });

  it('takes faults from directives and from the x-mock-fault header', async () => {
    const limited = await post('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi [[mock:retry-after=5]]' }],
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('5');

    const fault = JSON.stringify({ status: 503, body: { custom: true }, headers: { 'x-extra': 'yes' } });
    const custom = await post('/v1/chat/completions', { model: 'gpt-4o', messages: [] }, { 'x-mock-fault': fault });
    expect(custom.status).toBe(503);
    expect(custom.headers.get('x-extra')).toBe('yes');
    expect(await custom.json()).toEqual({ custom: true });

    const malformed = await post('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '[[mock:status=abc]]' }],
    });
    expect(malformed.status).toBe(400);
  });

  it('delays the response headers', async () => {
    const started = performance.now();
    await chat('Slow [[mock:delay=300]]');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('trickles stream chunks', async () => {
    const arrivals: number[] = [];
    for await (const _chunk of await streamChat('one two [[mock:trickle=40]]')) arrivals.push(performance.now());
    expect(arrivals.length).toBeGreaterThan(4);
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(40 * (arrivals.length - 1) * 0.8);
  });

  it('cuts a stream after N chunks, and the SDKs see an error', async () => {
    const received: string[] = [];
    const consume = async () => {
      for await (const chunk of await streamChat('Cut me short please [[mock:cut=3]]')) {
        received.push(chunk.choices[0]?.delta.content ?? '');
      }
    };
    await expect(consume()).rejects.toThrow();
    expect(received).toHaveLength(3);

    const ai = new GoogleGenAI({ apiKey: 'g', httpOptions: { baseUrl: mock.url } });
    const gemini = async () => {
      const stream = await ai.models.generateContentStream({
        model: 'gemini-2.5-flash',
        contents: 'a b c [[mock:cut=2]]',
      });
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(gemini()).rejects.toThrow();
  });

  it('hangs until the client aborts, and drops connections', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const hung = openai.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'Wait [[mock:hang]]' }] },
      { signal: controller.signal },
    );
    await expect(hung).rejects.toBeInstanceOf(APIUserAbortError);
    expect(mock.requests).toHaveLength(1);

    mock.enqueueFault({ dropConnection: true });
    await expect(post('/v1/chat/completions', { model: 'gpt-4o', messages: [] })).rejects.toThrow(TypeError);
  });

  it('closes promptly with a hanging request open', async () => {
    const other = await startMockUpstream();
    const hanging = fetch(`${other.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '[[mock:hang]]' }] }),
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    expect(await hanging).toBeInstanceOf(TypeError);
  });
});

describe('record, control API, auth, CLI', () => {
  it('records method, path with query, lower-case headers and the parsed body', async () => {
    await post('/v1beta/models/gemini-2.5-flash:generateContent?key=k', { contents: [] }, { 'X-Custom': 'A' });
    expect(mock.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1beta/models/gemini-2.5-flash:generateContent?key=k',
      headers: { 'x-custom': 'A', 'content-type': 'application/json' },
      body: { contents: [] },
      receivedAt: expect.any(Number),
    });
  });

  it('queues faults, lists requests and resets over HTTP', async () => {
    const queued = await fetch(`${mock.url}/__mock/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: { status: 500 }, match: { path: 'chat/completions$' } }),
    });
    expect(queued.status).toBe(200);
    const failed = await post('/v1/chat/completions', { model: 'gpt-4o', messages: [] });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { type: 'server_error' } });

    const listed = await (await fetch(`${mock.url}/__mock/requests`)).json();
    expect(listed).toMatchObject([{ method: 'POST', path: '/v1/chat/completions' }]);
    expect((await fetch(`${mock.url}/__mock/reset`, { method: 'POST' })).status).toBe(204);
    expect(mock.requests).toHaveLength(0);

    const invalid = await fetch(`${mock.url}/__mock/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: { sttus: 1 } }),
    });
    expect(invalid.status).toBe(400);
  });

  it('refuses OpenAI-format calls without a bearer token, and unknown routes', async () => {
    const missing = await fetch(`${mock.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
    expect((await post('/v1/unknown', {})).status).toBe(404);
    expect((await post('/v1/chat/completions', { messages: [] })).status).toBe(400);
  });

  it('starts from the command line and prints its URL', async () => {
    const cli = fileURLToPath(new URL('./cli.mjs', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const url = /^MOCK_UPSTREAM_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(line.toString())?.[1];
      expect(url).toBeDefined();
      const models = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer k' } });
      expect(models.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
