import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, jsonOf, requestLogs, startHarness } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

let mock: MockUpstream;
let harness: GatewayHarness;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  await harness.connect({ provider: 'openai', apiKey: 'sk-upstream-secret-1', baseUrl: `${mock.url}/v1` });
  client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: 'anything', maxRetries: 0 });
});

afterAll(async () => {
  await harness.stop();
  await mock.close();
});

beforeEach(() => mock.reset());

describe('OpenAI SDK through the pass-through path', () => {
  it('answers a non-streaming chat and forwards only model and auth changes', async () => {
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'Hello there' }],
      temperature: 0.2,
      // An unknown field must survive the pass-through untouched.
      ...({ x_custom_field: { keep: true } } as object),
    });
    expect(completion.choices[0]?.message.content).toContain('Hello there');
    const received = mock.requests.at(-1);
    expect(received?.path).toBe('/v1/chat/completions');
    expect(received?.headers.authorization).toBe('Bearer sk-upstream-secret-1');
    expect(received?.body).toMatchObject({ model: 'gpt-4.1', temperature: 0.2, x_custom_field: { keep: true } });
  });

  it('streams, and hides the usage chunk it asked for on the client’s behalf', async () => {
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'Stream this please' }],
      stream: true,
    });
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      expect(chunk.choices.length).toBeGreaterThan(0);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text).toContain('Stream this please');
    expect(mock.requests.at(-1)?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });

    const [row] = await requestLogs(harness);
    expect(row).toMatchObject({ streamed: 1, status: 200, provider: 'openai', model: 'gpt-4.1' });
    expect(row.output_tokens).toBeGreaterThan(0);
    expect(row.input_tokens).toBeGreaterThan(0);
  });

  it('keeps the usage chunk when the client asked for it', async () => {
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'count me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('logs one row per request with tokens, latency and time to first token', async () => {
    await client.chat.completions.create({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'log me please [[mock:cached=3]]' }],
    });
    const [row] = await requestLogs(harness);
    expect(row).toMatchObject({
      route: '/v1/chat/completions',
      client_format: 'openai',
      model_requested: 'openai/gpt-4.1-mini',
      provider: 'openai',
      model: 'gpt-4.1-mini',
      status: 200,
      streamed: 0,
      cached_tokens: 3,
      error: null,
    });
    expect(row.input_tokens).toBeGreaterThan(0);
    expect(row.latency_ms).toBeGreaterThanOrEqual(0);
    expect(row.ttft_ms).not.toBeNull();
  });

  it('lists the connected provider’s models in /v1/models', async () => {
    const models = await client.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toContain('openai/gpt-4.1');
    expect(ids.some((id) => id.startsWith('anthropic/'))).toBe(false);
  });

  it('resolves a bare model id offered by exactly one connected provider', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'bare' }],
    });
    expect(completion.choices[0]?.message.content).toContain('bare');
  });
});

describe('errors in the OpenAI shape', () => {
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${harness.url}/v1/chat/completions`, { method: 'POST', headers, body });

  it('passes an upstream 4xx/5xx back with its status and the provider named', async () => {
    for (const status of [400, 500, 503]) {
      mock.enqueueFault({ status });
      const error = await client.chat.completions
        .create({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'x' }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(status);
      expect((error as Error).message).toContain('openai');
    }
    const rows = await requestLogs(harness);
    expect(rows.slice(0, 3).map((row) => row.status)).toEqual([503, 500, 400]);
  });

  it('passes Retry-After through on an upstream 429', async () => {
    mock.enqueueFault({ status: 429, retryAfter: 7 });
    const response = await post(
      JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    const body = await jsonOf(response);
    expect(body.error.type).toBe('rate_limit_error');
    // The account now cools down for 7 s; the next request says so instead of calling upstream.
    const cooling = await post(JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'x' }] }));
    expect(cooling.status).toBe(429);
    expect(Number(cooling.headers.get('retry-after'))).toBeGreaterThan(4);
    expect((await jsonOf(cooling)).error.message).toContain('cooling down');
    await harness.manage('POST', '/api/resilience/reset', {});
  });

  it('rejects a body that is not JSON with 400, and a non-JSON content type with 415', async () => {
    const broken = await post('{"model": ');
    expect(broken.status).toBe(400);
    expect((await jsonOf(broken)).error.message).toMatch(/not valid JSON/);
    const text = await post('hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await jsonOf(text)).error.message).toMatch(/JSON/);
  });

  it('names the missing model and an unknown provider', async () => {
    const missing = await post(JSON.stringify({ messages: [] }));
    expect(missing.status).toBe(400);
    expect((await jsonOf(missing)).error).toMatchObject({ param: 'model' });
    const unknown = await post(JSON.stringify({ model: 'nosuch/model-x', messages: [{ role: 'user', content: 'x' }] }));
    expect(unknown.status).toBe(404);
    expect((await jsonOf(unknown)).error.message).toContain("Unknown provider 'nosuch'");
  });

  it('says which provider has no connection', async () => {
    const response = await post(JSON.stringify({ model: 'groq/llama-3.3-70b-versatile', messages: [] }));
    expect(response.status).toBe(404);
    expect((await jsonOf(response)).error.message).toContain("No active connection for provider 'groq'");
  });

  it('reports an unreachable upstream as 502, and logs the failure', async () => {
    await harness.connect({ provider: 'groq', apiKey: 'gsk-x', baseUrl: 'http://127.0.0.1:9/v1' });
    const response = await post(
      JSON.stringify({ model: 'groq/llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(response.status).toBe(502);
    expect((await jsonOf(response)).error.message).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:9/);
    const [row] = await requestLogs(harness);
    expect(row).toMatchObject({ status: 502, provider: 'groq' });
    expect(row.error).toContain('upstream_unreachable');
  });

  it('ends a stream cut by the upstream with an error frame instead of hanging', async () => {
    mock.enqueueFault({ cutAfterChunks: 2 });
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'one two three four five six' }],
      stream: true,
    });
    const consume = async () => {
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(consume()).rejects.toThrow();
  });
});
