import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestLogs } from '../../helpers/gateway-harness.js';
import { createKey } from '../governance/governance-setup.js';
import { cacheGatewayPerFile, chatBody } from './cache-setup.js';

const gateway = cacheGatewayPerFile();
let client: OpenAI;
beforeAll(() => {
  client = clientWith('anything');
});

function clientWith(apiKey: string): OpenAI {
  return new OpenAI({ baseURL: `${gateway.harness.url}/v1`, apiKey, maxRetries: 0 });
}

async function chat(
  body: OpenAI.ChatCompletionCreateParamsNonStreaming,
  headers: Record<string, string> = {},
  via: OpenAI = client,
) {
  const { data, response } = await via.chat.completions.create(body, { headers }).withResponse();
  return { completion: data, cache: response.headers.get('x-omniroute-cache'), headers: response.headers };
}

const weatherTool = (name: string): OpenAI.ChatCompletionTool => ({
  type: 'function',
  function: {
    name,
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
});

describe('response cache (exact tier)', () => {
  it('answers a repeated deterministic request from the cache, without an upstream call', async () => {
    const first = await chat(chatBody('What is the capital of France?'));
    expect(first.cache).toBe('MISS');
    const second = await chat(chatBody('What is the capital of France?'));
    expect(second.cache).toBe('HIT');
    expect(gateway.upstreamCalls()).toBe(1);
    expect(second.completion.choices[0]?.message.content).toBe(first.completion.choices[0]?.message.content);
    // The hit is rendered from the canonical answer: the token counts survive, upstream-only extras may not.
    expect(second.completion.usage).toMatchObject({
      prompt_tokens: first.completion.usage?.prompt_tokens,
      completion_tokens: first.completion.usage?.completion_tokens,
    });
    expect(second.completion.model).toBe('openai/gpt-4.1');
    // A hit is a new answer with its own id.
    expect(second.completion.id).not.toBe(first.completion.id);
  });

  it('logs a hit with cost 0 and the original cost as saved, and totals the saved cost in the history', async () => {
    await chat(chatBody('Price this answer please'));
    const hit = await chat(chatBody('Price this answer please'));
    expect(hit.headers.get('x-omniroute-cost')).toBe('0.0000000000');
    const [hitRow, missRow] = await requestLogs(gateway.harness);
    expect(missRow).toMatchObject({ cache_status: 'miss', priced: true, cost_saved_usd: null });
    expect(missRow.cost_usd).toBeGreaterThan(0);
    expect(hitRow).toMatchObject({ cache_status: 'hit', cost_usd: 0, provider: 'openai', model: 'gpt-4.1' });
    expect(hitRow.cost_saved_usd).toBe(missRow.cost_usd);
    expect(hitRow.input_tokens).toBeNull();
    expect(Number(hit.headers.get('x-omniroute-cost-saved'))).toBeCloseTo(missRow.cost_usd, 9);

    const { body } = await gateway.harness.manage('GET', '/api/usage/history?bucket=day');
    expect(body.totals.cacheHits).toBeGreaterThanOrEqual(1);
    expect(body.totals.costSavedUsd).toBeGreaterThanOrEqual(missRow.cost_usd);
  });

  it.each([
    ['X-OmniRoute-No-Cache: true', { 'x-omniroute-no-cache': 'true' }],
    ['Cache-Control: no-cache', { 'cache-control': 'no-cache' }],
  ])('%s bypasses both reading and writing', async (_name, headers) => {
    const text = `Bypass me ${JSON.stringify(headers)}`;
    await chat(chatBody(text));
    const bypassed = await chat(chatBody(text), headers);
    expect(bypassed.cache).toBe('MISS');
    expect(gateway.upstreamCalls()).toBe(2);
    // Nothing was written by a bypassed request either: a fresh text bypassed first is still a miss afterwards.
    await chat(chatBody(`${text} fresh`), headers);
    expect((await chat(chatBody(`${text} fresh`))).cache).toBe('MISS');
    expect(gateway.upstreamCalls()).toBe(4);
    const [row] = await requestLogs(gateway.harness);
    expect(row.cache_status).toBe('miss');
    expect((await requestLogs(gateway.harness))[1].cache_status).toBe('bypass');
  });

  it('never shares answers between API keys', async () => {
    const alice = await createKey(gateway.harness, { name: 'cache-alice' });
    const bob = await createKey(gateway.harness, { name: 'cache-bob' });
    await chat(chatBody('Secret of Alice'), {}, clientWith(alice.key));
    expect((await chat(chatBody('Secret of Alice'), {}, clientWith(bob.key))).cache).toBe('MISS');
    expect((await chat(chatBody('Secret of Alice'), {}, clientWith(alice.key))).cache).toBe('HIT');
    expect(gateway.upstreamCalls()).toBe(2);
  });

  it('misses when the tools differ', async () => {
    const body = (tool: string) =>
      chatBody('Weather in Paris?', { tools: [weatherTool(tool)] }) as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const first = await chat(body('get_weather'));
    expect(first.completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_weather' } });
    expect((await chat(body('get_forecast'))).cache).toBe('MISS');
    const again = await chat(body('get_weather'));
    expect(again.cache).toBe('HIT');
    expect(again.completion.choices[0]?.message.tool_calls).toEqual(first.completion.choices[0]?.message.tool_calls);
    expect(gateway.upstreamCalls()).toBe(2);
  });

  it('never caches a request whose temperature is not 0, or that names none', async () => {
    for (const temperature of [0.2, 0.2, undefined, undefined]) {
      const result = await chat({ ...chatBody('Be creative'), temperature });
      expect(result.cache).toBe('MISS');
    }
    expect(gateway.upstreamCalls()).toBe(4);
  });

  it('expires answers after the configured TTL', async () => {
    const patched = await gateway.harness.manage('PATCH', '/api/settings', { cache: { ttlSeconds: 1 } });
    expect(patched.status).toBe(200);
    try {
      await chat(chatBody('Short-lived answer'));
      expect((await chat(chatBody('Short-lived answer'))).cache).toBe('HIT');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await chat(chatBody('Short-lived answer'))).cache).toBe('MISS');
      expect(gateway.upstreamCalls()).toBe(2);
    } finally {
      await gateway.harness.manage('PATCH', '/api/settings', { cache: { ttlSeconds: 3600 } });
    }
  });

  it('is switched off by the settings', async () => {
    await gateway.harness.manage('PATCH', '/api/settings', { cache: { enabled: false } });
    try {
      await chat(chatBody('Cache is off'));
      const second = await chat(chatBody('Cache is off'));
      expect(second.cache).toBeNull();
      expect(gateway.upstreamCalls()).toBe(2);
    } finally {
      await gateway.harness.manage('PATCH', '/api/settings', { cache: { enabled: true } });
    }
  });

  it('does not cache failed answers', async () => {
    gateway.mock.enqueueFault({ status: 400 }, { path: '/v1/chat/completions' });
    await expect(chat(chatBody('Fail first'))).rejects.toMatchObject({ status: 400 });
    expect((await chat(chatBody('Fail first'))).cache).toBe('MISS');
    expect((await chat(chatBody('Fail first'))).cache).toBe('HIT');
  });

  it('reports stats, counts hits in /metrics, and is cleared by DELETE /api/cache', async () => {
    await chat(chatBody('Stats one'));
    await chat(chatBody('Stats one'));
    await chat(chatBody('Stats two'));
    const { status, body } = await gateway.harness.manage('GET', '/api/cache');
    expect(status).toBe(200);
    expect(body.semanticCache).toMatchObject({ memorySize: 2, memoryMaxSize: 1000, dbSize: 2 });
    expect(body.semanticCache.hitRate).toBeCloseTo(1 / 3);
    expect(body.idempotency).toEqual({ activeKeys: 0, windowMs: 5000 });
    expect(body.exact).toMatchObject({ hits: 1, misses: 2, memorySize: 2, dbSize: 2 });
    expect((await gateway.harness.manage('GET', '/api/cache/stats')).body.semanticCache.memorySize).toBe(2);

    const metrics = await fetch(`${gateway.harness.url}/metrics`, {
      headers: { cookie: await sessionCookie() },
    }).then((response) => response.text());
    expect(metrics).toMatch(/omniroute_cache_hits_total\{kind="response"\} [1-9]/);
    expect(metrics).toMatch(/omniroute_cache_misses_total [1-9]/);

    const cleared = await gateway.harness.manage('DELETE', '/api/cache');
    expect(cleared.status).toBe(200);
    expect(cleared.body.semanticCache).toMatchObject({ memorySize: 0, dbSize: 0 });
    expect((await chat(chatBody('Stats one'))).cache).toBe('MISS');
  });

  it('is management-protected', async () => {
    const response = await fetch(`${gateway.harness.url}/api/cache`, { method: 'DELETE' });
    expect(response.status).toBe(401);
  });
});

async function sessionCookie(): Promise<string> {
  const login = await fetch(`${gateway.harness.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'test-password-1234' }),
  });
  return login.headers.get('set-cookie')?.split(';')[0] ?? '';
}
