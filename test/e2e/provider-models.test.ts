import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, jsonOf, startHarness } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

let mock: MockUpstream;
let harness: GatewayHarness;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: 'client', maxRetries: 0 });
  await harness.connect({ provider: 'openai', apiKey: 'sk-o', baseUrl: `${mock.url}/v1` });
  await harness.connect({ provider: 'gemini', apiKey: 'g', baseUrl: `${mock.url}/v1beta` });
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});
beforeEach(() => mock.reset());

const get = async (path: string) => jsonOf(await fetch(`${harness.url}${path}`));
const listedIds = async () => (await get('/v1/models')).data.map((model: any) => model.id);
const chat = (model: string) => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

describe('custom models', () => {
  it('adds a model that /v1/models lists, bare ids route to, and the catalog answers show', async () => {
    const pricing = { input: 0.3, output: 0.6 };
    const { status, body } = await harness.manage('POST', '/api/provider-models', {
      provider: 'openai',
      model: 'gpt-next',
      contextLength: 64_000,
      pricing,
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      id: 'openai/gpt-next',
      custom: true,
      hidden: false,
      type: 'chat',
      contextLength: 64_000,
      pricing,
    });
    expect(await listedIds()).toContain('openai/gpt-next');
    await chat('gpt-next');
    expect(mock.requests.at(-1)?.body).toMatchObject({ model: 'gpt-next' });

    const { body: listed } = await harness.manage('GET', '/api/provider-models?provider=openai');
    expect(listed.models.find((model: any) => model.model === 'gpt-next')).toMatchObject({ custom: true });
    expect(listed.models.find((model: any) => model.model === 'gpt-4.1')).toMatchObject({ custom: false });

    const patched = await harness.manage('PATCH', '/api/provider-models', {
      provider: 'openai',
      model: 'gpt-next',
      type: 'embedding',
      contextLength: null,
    });
    expect(patched.body).toMatchObject({ type: 'embedding', contextLength: null, pricing });
    expect((await harness.manage('DELETE', '/api/provider-models?provider=openai&model=gpt-next')).status).toBe(204);
    expect(await listedIds()).not.toContain('openai/gpt-next');
    expect((await harness.manage('DELETE', '/api/provider-models?provider=openai&model=gpt-next')).status).toBe(404);
  });

  it('gives a provider node models of its own, so bare ids infer the node', async () => {
    await harness.manage('POST', '/api/provider-nodes', {
      name: 'Lab',
      prefix: 'lab',
      apiType: 'openai',
      baseUrl: `${mock.url}/v1`,
    });
    await harness.connect({ provider: 'lab', apiKey: 'lab-key' });
    await harness.manage('POST', '/api/provider-models', { provider: 'lab', model: 'Qwen/Qwen3-8B' });
    expect(await listedIds()).toContain('lab/Qwen/Qwen3-8B');
    await chat('Qwen/Qwen3-8B');
    expect(mock.requests.at(-1)?.headers.authorization).toBe('Bearer lab-key');
  });

  it('refuses duplicates, unknown providers and bad fields by name', async () => {
    const duplicate = await harness.manage('POST', '/api/provider-models', { provider: 'openai', model: 'gpt-4.1' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.param).toBe('model');
    const unknown = await harness.manage('POST', '/api/provider-models', { provider: 'nope', model: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.param).toBe('provider');
    const badType = await harness.manage('POST', '/api/provider-models', {
      provider: 'openai',
      model: 'x',
      type: 'video',
    });
    expect(badType.body.error.param).toBe('type');
    const spaced = await harness.manage('POST', '/api/provider-models', { provider: 'openai', model: 'a b' });
    expect(spaced.body.error.param).toBe('model');
    const catalogType = await harness.manage('PATCH', '/api/provider-models', {
      provider: 'openai',
      model: 'gpt-4.1',
      type: 'embedding',
    });
    expect(catalogType.status).toBe(400);
    expect(catalogType.body.error.param).toBe('type');
    const missing = await harness.manage('PATCH', '/api/provider-models', {
      provider: 'openai',
      model: 'nope',
      hidden: true,
    });
    expect(missing.status).toBe(404);
    const catalogDelete = await harness.manage('DELETE', '/api/provider-models', {
      provider: 'openai',
      model: 'gpt-4.1',
    });
    expect(catalogDelete.status).toBe(409);
  });
});

describe('hidden models', () => {
  it('leave /v1/models, /v1beta/models and /api/tags but stay callable as provider/model', async () => {
    const hide = (model: string, hidden: boolean) =>
      harness.manage('PATCH', '/api/provider-models', { provider: 'gemini', model, hidden });
    const geminiIds = async () => (await get('/v1beta/models')).models.map((model: any) => model.name);
    const tagNames = async () => (await get('/api/tags')).models.map((model: any) => model.name);
    expect(await listedIds()).toContain('gemini/gemini-2.5-flash');

    const { status, body } = await hide('gemini-2.5-flash', true);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'gemini/gemini-2.5-flash', hidden: true, custom: false });
    expect(await listedIds()).not.toContain('gemini/gemini-2.5-flash');
    expect(await geminiIds()).not.toContain('models/gemini/gemini-2.5-flash');
    expect(await geminiIds()).toContain('models/gemini/gemini-2.5-pro');
    expect(await tagNames()).not.toContain('gemini/gemini-2.5-flash');
    expect(await listedIds()).toContain('gemini/gemini-2.5-pro');

    const answer = await chat('gemini/gemini-2.5-flash');
    expect(answer.choices[0]?.message.content).toContain('hi');

    await hide('gemini-2.5-flash', false);
    expect(await listedIds()).toContain('gemini/gemini-2.5-flash');
  });
});

describe('pricing', () => {
  it('merges catalog and user prices, marking overridden and unpriced models', async () => {
    const { status, body } = await harness.manage('GET', '/api/pricing?provider=openai');
    expect(status).toBe(200);
    expect(body).toMatchObject({ currency: 'USD', unit: 'per million tokens' });
    const gpt41 = body.models.find((model: any) => model.model === 'gpt-4.1');
    expect(gpt41).toMatchObject({
      source: 'catalog',
      overridden: false,
      priced: true,
      pricing: { input: 2, output: 8 },
    });
    expect(body.models.find((model: any) => model.model === 'whisper-1')).toMatchObject({
      priced: true,
      pricing: { perMinute: 0.006 },
    });
    // Gemini's text-embedding-004 is free of charge: listed without a price.
    const gemini = await harness.manage('GET', '/api/pricing?provider=gemini');
    expect(gemini.body.models.find((model: any) => model.model === 'text-embedding-004')).toMatchObject({
      priced: false,
      pricing: null,
    });
    expect(gemini.body.summary.unpriced).toBeGreaterThan(0);

    const price = { input: 0.5, output: 1, cachedInput: 0.1 };
    const set = await harness.manage('PUT', '/api/pricing', { provider: 'openai', model: 'gpt-4.1', pricing: price });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ source: 'user', overridden: true, pricing: price, catalogPricing: { input: 2 } });
    const { body: after } = await harness.manage('GET', '/api/pricing');
    expect(after.models.find((model: any) => model.id === 'openai/gpt-4.1')).toMatchObject({ userPricing: price });
    expect(after.summary.overridden).toBe(1);

    const cleared = await harness.manage('PATCH', '/api/pricing', {
      provider: 'openai',
      model: 'gpt-4.1',
      pricing: null,
    });
    expect(cleared.body).toMatchObject({ source: 'catalog', overridden: false, userPricing: null });
  });

  it('prices a custom model and reorders a cost-optimized combo by user prices', async () => {
    await harness.manage('POST', '/api/combos', {
      name: 'thrifty',
      strategy: 'cost-optimized',
      models: ['openai/gpt-4.1', 'openai/gpt-4o-mini'],
    });
    await chat('thrifty');
    expect(mock.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4o-mini' });

    await harness.manage('PUT', '/api/pricing', {
      provider: 'openai',
      model: 'gpt-4.1',
      pricing: { input: 0.01, output: 0.01 },
    });
    await chat('thrifty');
    expect(mock.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4.1' });
    await harness.manage('PUT', '/api/pricing', { provider: 'openai', model: 'gpt-4.1', pricing: null });

    await harness.manage('POST', '/api/provider-models', { provider: 'openai', model: 'house-model' });
    const { body } = await harness.manage('GET', '/api/pricing?provider=openai');
    expect(body.models.find((model: any) => model.model === 'house-model')).toMatchObject({
      priced: false,
      source: null,
    });
    const priced = await harness.manage('PUT', '/api/pricing', {
      provider: 'openai',
      model: 'house-model',
      pricing: { input: 1, output: 2 },
    });
    expect(priced.body).toMatchObject({ source: 'user', overridden: false, priced: true });
  });

  it('refuses unknown models and bad prices by field', async () => {
    const unknown = await harness.manage('PUT', '/api/pricing', { provider: 'openai', model: 'nope', pricing: null });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('POST /api/provider-models');
    const negative = await harness.manage('PUT', '/api/pricing', {
      provider: 'openai',
      model: 'gpt-4.1',
      pricing: { input: -1, output: 1 },
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.param).toBe('pricing.input');
    const noPricing = await harness.manage('PUT', '/api/pricing', { provider: 'openai', model: 'gpt-4.1' });
    expect(noPricing.body.error.param).toBe('pricing');
    expect((await harness.manage('GET', '/api/pricing?provider=nope')).status).toBe(404);
  });
});

describe('access to the new routes', () => {
  const routes: Array<[string, string]> = [
    ['GET', '/api/provider-models'],
    ['POST', '/api/provider-models'],
    ['PATCH', '/api/provider-models'],
    ['DELETE', '/api/provider-models'],
    ['GET', '/api/pricing'],
    ['PUT', '/api/pricing'],
    ['PATCH', '/api/pricing'],
    ['POST', '/api/providers/validate'],
    ['POST', '/api/providers/x/test'],
    ['GET', '/api/providers/x/models'],
  ];

  it('answers 401 without login and 403 to a client-only key', async () => {
    const { body: key } = await harness.manage('POST', '/api/keys', { name: 'client-only' });
    for (const [method, path] of routes) {
      const anonymous = await fetch(`${harness.url}${path}`, { method });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      const clientKey = await fetch(`${harness.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key.key}` },
      });
      expect(clientKey.status, `${method} ${path}`).toBe(403);
    }
  });
});
