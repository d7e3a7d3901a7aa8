import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

let mock: MockUpstream;
let harness: GatewayHarness;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});
beforeEach(() => mock.reset());

const lastRequest = () => mock.requests.at(-1);

describe('POST /api/providers/:id/test', () => {
  it('makes a one-token call with the cheapest catalog chat model and stores the result on the connection', async () => {
    const connection = await harness.connect({
      provider: 'openai',
      name: 'test-ok',
      apiKey: 'sk-a',
      baseUrl: `${mock.url}/v1`,
    });
    expect(connection.lastTest).toBeNull();
    const { status, body } = await harness.manage('POST', `/api/providers/${connection.id}/test`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, status: 200, model: 'gpt-5-nano' });
    expect(body.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(body.testedAt)).toBeGreaterThan(Date.now() - 60_000);
    const sent = lastRequest();
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(sent?.headers.authorization).toBe('Bearer sk-a');
    const sentBody = sent?.body as Record<string, unknown>;
    expect(sentBody.max_completion_tokens ?? sentBody.max_tokens).toBe(1);

    const { body: shown } = await harness.manage('GET', `/api/providers/${connection.id}`);
    expect(shown.lastTest).toEqual(body);
    const { body: listed } = await harness.manage('GET', '/api/providers');
    expect(listed.connections.find((c: any) => c.id === connection.id).lastTest).toEqual(body);
  });

  it('calls the model the request names, and records an upstream refusal with its status and message', async () => {
    const connection = await harness.connect({
      provider: 'openai',
      name: 'test-401',
      apiKey: 'sk-b',
      baseUrl: `${mock.url}/v1`,
    });
    mock.enqueueFault({ status: 401 }, { path: '/v1/chat/completions' });
    const { status, body } = await harness.manage('POST', `/api/providers/${connection.id}/test`, { model: 'gpt-4o' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false, status: 401, model: 'gpt-4o' });
    expect(body.message).toContain('HTTP 401');
    expect(lastRequest()?.body).toMatchObject({ model: 'gpt-4o' });
    const { body: shown } = await harness.manage('GET', `/api/providers/${connection.id}`);
    expect(shown.lastTest).toMatchObject({ ok: false, status: 401 });
  });

  it('records an unreachable upstream with no status', async () => {
    const connection = await harness.connect({
      provider: 'groq',
      name: 'down',
      apiKey: 'gsk',
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    const { body } = await harness.manage('POST', `/api/providers/${connection.id}/test`);
    expect(body).toMatchObject({ ok: false, status: null });
    expect(body.message).toMatch(/Cannot reach|closed/);
  });

  it('speaks each provider format: Anthropic, Gemini, and Ollama with a model from its own list', async () => {
    const anthropic = await harness.connect({ provider: 'anthropic', apiKey: 'sk-ant', baseUrl: `${mock.url}/v1` });
    expect((await harness.manage('POST', `/api/providers/${anthropic.id}/test`)).body).toMatchObject({ ok: true });
    expect(lastRequest()).toMatchObject({ path: '/v1/messages', body: { max_tokens: 1 } });
    expect(lastRequest()?.headers['x-api-key']).toBe('sk-ant');

    const gemini = await harness.connect({ provider: 'gemini', apiKey: 'g-key', baseUrl: `${mock.url}/v1beta` });
    expect((await harness.manage('POST', `/api/providers/${gemini.id}/test`)).body).toMatchObject({ ok: true });
    expect(lastRequest()?.path).toMatch(/^\/v1beta\/models\/[^:]+:generateContent/);

    const ollama = await harness.connect({ provider: 'ollama', baseUrl: mock.url });
    const { body } = await harness.manage('POST', `/api/providers/${ollama.id}/test`);
    expect(body).toMatchObject({ ok: true, model: 'llama3.2:latest' });
    expect(mock.requests.map((request) => request.path)).toEqual([
      '/v1/messages',
      expect.any(String),
      '/api/tags',
      '/api/chat',
    ]);
  });

  it('answers 404 for an unknown connection and 400 naming a bad field', async () => {
    const missing = await harness.manage('POST', '/api/providers/nope/test');
    expect(missing.status).toBe(404);
    const connection = await harness.connect({
      provider: 'openai',
      name: 'test-bad',
      apiKey: 'sk-c',
      baseUrl: `${mock.url}/v1`,
    });
    const bad = await harness.manage('POST', `/api/providers/${connection.id}/test`, { model: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('model');
    const extra = await harness.manage('POST', `/api/providers/${connection.id}/test`, { colour: 'red' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain('colour');
  });
});

describe('GET /api/providers/:id/models', () => {
  it('asks an OpenAI-shaped upstream and marks which models the gateway knows', async () => {
    const connection = await harness.connect({
      provider: 'openai',
      name: 'list',
      apiKey: 'sk-l',
      baseUrl: `${mock.url}/v1`,
    });
    const { status, body } = await harness.manage('GET', `/api/providers/${connection.id}/models`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: 'openai', connectionId: connection.id, source: 'upstream' });
    expect(body.models.map((model: any) => model.id)).toContain('gpt-4o-mini');
    expect(body.models.find((model: any) => model.id === 'gpt-4.1')).toMatchObject({ known: true, type: 'chat' });
    expect(lastRequest()).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(lastRequest()?.headers.authorization).toBe('Bearer sk-l');

    const catalog = await harness.manage('GET', `/api/providers/${connection.id}/models?source=catalog`);
    expect(catalog.body.source).toBe('catalog');
    expect(catalog.body.models.map((model: any) => model.id)).toContain('gpt-5-nano');
  });

  it('reads the Anthropic, Gemini and Ollama lists and a bare array (Together)', async () => {
    const ids = async (input: Record<string, unknown>) => {
      const connection = await harness.connect(input);
      const { body } = await harness.manage('GET', `/api/providers/${connection.id}/models`);
      expect(body.source).toBe('upstream');
      return body.models.map((model: any) => model.id);
    };
    expect(await ids({ provider: 'anthropic', name: 'l', apiKey: 'sk-ant', baseUrl: `${mock.url}/v1` })).toContain(
      'claude-sonnet-4-5',
    );
    expect(lastRequest()?.headers['anthropic-version']).toBeDefined();
    expect(await ids({ provider: 'gemini', name: 'l', apiKey: 'g', baseUrl: `${mock.url}/v1beta` })).toEqual([
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-embedding-001',
    ]);
    expect(lastRequest()?.headers['x-goog-api-key']).toBe('g');
    expect(await ids({ provider: 'ollama', name: 'l', baseUrl: mock.url })).toContain('qwen3:8b');
    mock.enqueueFault(
      { body: [{ id: 'meta-llama/Llama-4', type: 'chat', context_length: 1000 }] },
      { path: '/v1/models' },
    );
    expect(await ids({ provider: 'together', name: 'l', apiKey: 't', baseUrl: `${mock.url}/v1` })).toEqual([
      'meta-llama/Llama-4',
    ]);
  });

  it('falls back to the catalog when the provider has no list, and lists a node of apiType openai upstream', async () => {
    const perplexity = await harness.connect({ provider: 'perplexity', apiKey: 'pplx', baseUrl: `${mock.url}/v1` });
    const { body } = await harness.manage('GET', `/api/providers/${perplexity.id}/models`);
    expect(body.source).toBe('catalog');
    expect(body.models.length).toBeGreaterThan(0);
    expect(mock.requests).toHaveLength(0);

    await harness.manage('POST', '/api/provider-nodes', {
      name: 'Listing node',
      prefix: 'listnode',
      apiType: 'openai',
      baseUrl: `${mock.url}/v1`,
    });
    const node = await harness.connect({ provider: 'listnode', apiKey: 'n' });
    const listed = await harness.manage('GET', `/api/providers/${node.id}/models`);
    expect(listed.body).toMatchObject({ source: 'upstream' });
    expect(listed.body.models[0]).toMatchObject({ id: 'gpt-4o', known: false });
  });

  it('says clearly when the upstream refuses, and 404s an unknown connection', async () => {
    const connection = await harness.connect({
      provider: 'openai',
      name: 'refused',
      apiKey: 'sk-r',
      baseUrl: `${mock.url}/v1`,
    });
    mock.enqueueFault({ status: 401 }, { path: '/v1/models' });
    const { status, body } = await harness.manage('GET', `/api/providers/${connection.id}/models`);
    expect(status).toBe(502);
    expect(body.error.code).toBe('upstream_error');
    expect(body.error.message).toMatch(/Listing models failed: .*HTTP 401/);
    expect((await harness.manage('GET', '/api/providers/nope/models')).status).toBe(404);
    const bad = await harness.manage('GET', `/api/providers/${connection.id}/models?source=both`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('source');
  });
});

describe('POST /api/providers/validate', () => {
  const count = async () => (await harness.manage('GET', '/api/providers')).body.connections.length;

  it('accepts a good configuration without storing anything', async () => {
    const before = await count();
    const { status, body } = await harness.manage('POST', '/api/providers/validate', {
      provider: 'openai',
      apiKey: 'sk-v',
      baseUrl: `${mock.url}/v1`,
    });
    expect(status).toBe(200);
    expect(body).toEqual({ valid: true, errors: [] });
    expect(await count()).toBe(before);
  });

  it('reports every problem with its field', async () => {
    await harness.connect({ provider: 'deepseek', name: 'taken', apiKey: 'sk-d' });
    const { body } = await harness.manage('POST', '/api/providers/validate', {
      provider: 'anthropic',
      priority: 'high',
      colour: 'red',
    });
    expect(body.valid).toBe(false);
    expect(body.errors.map((error: any) => error.field).sort()).toEqual(['apiKey', 'colour', 'priority']);
    const unknown = await harness.manage('POST', '/api/providers/validate', { provider: 'nope' });
    expect(unknown.body.errors).toEqual([{ field: 'provider', message: expect.stringContaining("'nope'") }]);
    const taken = await harness.manage('POST', '/api/providers/validate', {
      provider: 'deepseek',
      name: 'taken',
      apiKey: 'x',
    });
    expect(taken.body.errors).toEqual([{ field: 'name', message: expect.stringContaining('already exists') }]);
    const notObject = await harness.manage('POST', '/api/providers/validate', [1]);
    expect(notObject.status).toBe(400);
  });

  it('probes the upstream with a real call when asked, still storing nothing', async () => {
    const before = await count();
    const config = { provider: 'openai', apiKey: 'sk-p', baseUrl: `${mock.url}/v1`, probe: true, model: 'gpt-4.1' };
    const { body } = await harness.manage('POST', '/api/providers/validate', config);
    expect(body).toMatchObject({ valid: true, errors: [], test: { ok: true, status: 200, model: 'gpt-4.1' } });
    expect(lastRequest()?.headers.authorization).toBe('Bearer sk-p');

    mock.enqueueFault({ status: 403 }, { path: '/v1/chat/completions' });
    const refused = await harness.manage('POST', '/api/providers/validate', config);
    expect(refused.body).toMatchObject({ valid: false, errors: [], test: { ok: false, status: 403 } });
    expect(await count()).toBe(before);
  });
});
