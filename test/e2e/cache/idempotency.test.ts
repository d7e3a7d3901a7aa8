import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestLogs } from '../../helpers/gateway-harness.js';
import { cacheGatewayPerFile } from './cache-setup.js';

const gateway = cacheGatewayPerFile();
let client: OpenAI;
beforeAll(() => {
  client = new OpenAI({ baseURL: `${gateway.harness.url}/v1`, apiKey: 'anything', maxRetries: 0 });
});

// Not deterministic (temperature 0.7): only idempotency can spare the upstream call.
const body = (text: string) => ({
  model: 'openai/gpt-4.1',
  temperature: 0.7,
  messages: [{ role: 'user' as const, content: text }],
});

async function chat(text: string, key: string, header = 'idempotency-key') {
  const { data, response } = await client.chat.completions
    .create(body(text), { headers: { [header]: key } })
    .withResponse();
  return { completion: data, idempotent: response.headers.get('x-omniroute-idempotent') };
}

describe('idempotency', () => {
  it('answers 10 concurrent duplicates with one upstream call', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => chat('Once only [[mock:delay=300]]', 'burst-1')),
    );
    expect(gateway.upstreamCalls()).toBe(1);
    const texts = new Set(results.map((result) => result.completion.choices[0]?.message.content));
    expect(texts.size).toBe(1);
    const ids = new Set(results.map((result) => result.completion.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.idempotent === 'true')).toHaveLength(9);
    const rows = (await requestLogs(gateway.harness)).slice(0, 10);
    expect(rows.filter((row) => row.cache_status === 'idempotent')).toHaveLength(9);
    expect(rows.filter((row) => row.upstream_ms !== null)).toHaveLength(1);
  });

  it('replays a JSON answer to a streaming repeat as a stream (X-Request-Id works too)', async () => {
    const first = await chat('Stream the repeat', 'request-id-1', 'x-request-id');
    const { data, response } = await client.chat.completions
      .create({ ...body('Stream the repeat'), stream: true }, { headers: { 'x-request-id': 'request-id-1' } })
      .withResponse();
    let text = '';
    for await (const chunk of data) text += chunk.choices[0]?.delta.content ?? '';
    expect(response.headers.get('x-omniroute-idempotent')).toBe('true');
    expect(text).toBe(first.completion.choices[0]?.message.content);
    expect(gateway.upstreamCalls()).toBe(1);
  });

  it('runs a repeat after the window as a new request', async () => {
    await gateway.harness.manage('PATCH', '/api/settings', { cache: { idempotencyWindowMs: 200 } });
    try {
      await chat('Windowed', 'window-1');
      expect((await chat('Windowed', 'window-1')).idempotent).toBe('true');
      const stats = await gateway.harness.manage('GET', '/api/cache');
      expect(stats.body.idempotency).toEqual({ activeKeys: 1, windowMs: 200 });
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect((await chat('Windowed', 'window-1')).idempotent).toBeNull();
      expect(gateway.upstreamCalls()).toBe(2);
    } finally {
      await gateway.harness.manage('PATCH', '/api/settings', { cache: { idempotencyWindowMs: 5000 } });
    }
  });

  it('does not replay a failed first request: the repeat runs normally', async () => {
    gateway.mock.enqueueFault({ status: 400 }, { path: '/v1/chat/completions' });
    await expect(chat('Fails once', 'fail-1')).rejects.toMatchObject({ status: 400 });
    const repeat = await chat('Fails once', 'fail-1');
    expect(repeat.idempotent).toBeNull();
    expect(repeat.completion.choices[0]?.message.content).toContain('Fails once');
    expect(gateway.upstreamCalls()).toBe(2);
  });

  it('lets concurrent repeats of a failing first request run on their own', async () => {
    gateway.mock.enqueueFault({ status: 400, delayMs: 200 }, { path: '/v1/chat/completions' });
    const [first, repeat] = await Promise.allSettled([chat('Fails slowly', 'fail-2'), chat('Fails slowly', 'fail-2')]);
    expect(first.status).toBe('rejected');
    expect(repeat.status === 'fulfilled' && repeat.value.idempotent).toBeNull();
    expect(gateway.upstreamCalls()).toBe(2);
  });

  it('is cleared by DELETE /api/cache', async () => {
    await chat('Clear keys', 'clear-1');
    await gateway.harness.manage('DELETE', '/api/cache');
    expect((await chat('Clear keys', 'clear-1')).idempotent).toBeNull();
    expect(gateway.upstreamCalls()).toBe(2);
  });
});
