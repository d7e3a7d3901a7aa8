import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, jsonOf, startHarness } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

let mock: MockUpstream;
let harness: GatewayHarness;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness({ env: { REQUIRE_API_KEY: 'true' } });
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});

const call = (path: string, init: RequestInit = {}) => fetch(`${harness.url}${path}`, init);

describe('management access', () => {
  it('closes /api/* without a cookie or manage key', async () => {
    const response = await call('/api/providers');
    expect(response.status).toBe(401);
    expect((await jsonOf(response)).error.code).toBe('not_logged_in');
  });

  it('rejects a wrong password and accepts the right one with an httpOnly cookie', async () => {
    const wrong = await call('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    const right = await call('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'test-password-1234' }),
    });
    expect(right.status).toBe(200);
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^auth_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = cookie.split(';')[0]!;
    expect((await call('/api/keys', { headers: { cookie: token } })).status).toBe(200);
    const logout = await call('/api/auth/logout', { method: 'POST', headers: { cookie: token } });
    expect(logout.status).toBe(204);
    expect((await call('/api/keys', { headers: { cookie: token } })).status).toBe(401);
  });

  it('lets a manage-scoped key in, gives a client key 403, and revoked keys stop at once', async () => {
    const { body: admin } = await harness.manage('POST', '/api/keys', { name: 'admin', scopes: ['manage'] });
    const { body: plain } = await harness.manage('POST', '/api/keys', { name: 'plain' });
    expect(admin.key).toMatch(/^sk-omni-/);
    expect((await call('/api/providers', { headers: { authorization: `Bearer ${admin.key}` } })).status).toBe(200);
    const forbidden = await call('/api/providers', { headers: { authorization: `Bearer ${plain.key}` } });
    expect(forbidden.status).toBe(403);

    const { body: listed } = await harness.manage('GET', '/api/keys');
    expect(JSON.stringify(listed)).not.toContain(admin.key);
    expect(listed.keys.find((key: any) => key.name === 'admin').keyPrefix).toBe(`${admin.key.slice(0, 12)}…`);

    expect((await harness.manage('DELETE', `/api/keys/${admin.id}`)).status).toBe(204);
    expect((await call('/api/providers', { headers: { authorization: `Bearer ${admin.key}` } })).status).toBe(401);
    expect((await harness.manage('DELETE', `/api/keys/${admin.id}`)).status).toBe(404);
  });

  it('refuses a cookie-authenticated change from another origin', async () => {
    const login = await call('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'test-password-1234' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const response = await call('/api/keys', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(response.status).toBe(403);
  });
});

describe('client key enforcement (REQUIRE_API_KEY=true)', () => {
  it('answers 401 in the OpenAI shape without a key or with a wrong one, and serves a valid one', async () => {
    await harness.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
    const body = JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'x' }] });
    const headers = { 'content-type': 'application/json' };
    const none = await call('/v1/chat/completions', { method: 'POST', headers, body });
    expect(none.status).toBe(401);
    expect((await jsonOf(none)).error).toMatchObject({ type: 'authentication_error' });
    const wrong = await call('/v1/chat/completions', {
      method: 'POST',
      headers: { ...headers, authorization: 'Bearer sk-omni-wrong' },
      body,
    });
    expect(wrong.status).toBe(401);
    const { body: key } = await harness.manage('POST', '/api/keys', { name: 'client' });
    const client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key.key, maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'ok' }],
    });
    expect(answer.choices[0]?.message.content).toContain('ok');
  });
});

describe('providers and nodes', () => {
  it('creates, reads, updates and deletes a connection with the secret masked', async () => {
    const created = await harness.connect({ provider: 'deepseek', name: 'work', apiKey: 'sk-deepseek-abcdef123456' });
    expect(created).toMatchObject({ provider: 'deepseek', name: 'work', isActive: true, apiKey: 'sk-…3456' });
    const { body: fetched } = await harness.manage('GET', `/api/providers/${created.id}`);
    expect(fetched.apiKey).toBe('sk-…3456');
    const { body: updated } = await harness.manage('PUT', `/api/providers/${created.id}`, {
      priority: 5,
      isActive: false,
    });
    expect(updated).toMatchObject({ priority: 5, isActive: false });
    expect((await harness.manage('DELETE', `/api/providers/${created.id}`)).status).toBe(204);
    expect((await harness.manage('GET', `/api/providers/${created.id}`)).status).toBe(404);
  });

  it('names the bad field, an unknown field and an unknown provider', async () => {
    const bad = await harness.manage('POST', '/api/providers', { provider: 'openai', apiKey: 'x', priority: 'high' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ param: 'priority' });
    const extra = await harness.manage('POST', '/api/providers', { provider: 'openai', apiKey: 'x', colour: 'red' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain('colour');
    const unknown = await harness.manage('POST', '/api/providers', { provider: 'nope', apiKey: 'x' });
    expect(unknown.status).toBe(404);
    const noKey = await harness.manage('POST', '/api/providers', { provider: 'anthropic' });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.param).toBe('apiKey');
    const badUrl = await harness.manage('POST', '/api/providers', {
      provider: 'openai',
      apiKey: 'x',
      baseUrl: 'ftp://x',
    });
    expect(badUrl.body.error.param).toBe('baseUrl');
  });

  it('serves a provider node like a provider whose id is its prefix', async () => {
    const { status, body: node } = await harness.manage('POST', '/api/provider-nodes', {
      name: 'My vLLM',
      prefix: 'myvllm',
      apiType: 'openai',
      baseUrl: `${mock.url}/v1/`,
    });
    expect(status).toBe(201);
    expect(node).toMatchObject({ prefix: 'myvllm', apiType: 'openai', baseUrl: `${mock.url}/v1` });
    const clash = await harness.manage('POST', '/api/provider-nodes', {
      name: 'Other',
      prefix: 'openai',
      apiType: 'openai',
      baseUrl: 'http://127.0.0.1:1',
    });
    expect(clash.status).toBe(409);

    await harness.connect({ provider: 'myvllm', apiKey: 'node-key' });
    const { body: key } = await harness.manage('POST', '/api/keys', { name: 'node-user' });
    const client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key.key, maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'myvllm/Qwen/Qwen3-8B',
      messages: [{ role: 'user', content: 'node' }],
    });
    expect(answer.choices[0]?.message.content).toContain('node');
    expect(mock.requests.at(-1)).toMatchObject({ body: { model: 'Qwen/Qwen3-8B' } });
    expect((await harness.manage('DELETE', `/api/provider-nodes/${node.id}`)).status).toBe(409);
  });
});

describe('config file', () => {
  it('applies providers, nodes and keys as idempotent upserts and rejects a bad field by name', async () => {
    const file = join(harness.dataDir, 'omniroute.yaml');
    writeFileSync(
      file,
      [
        'settings: { allowPrivateBaseUrls: true }',
        'nodes:',
        '  - { name: Local, prefix: local, apiType: openai, baseUrl: "${MOCK_URL}/v1" }',
        'providers:',
        '  - { provider: local, name: main, apiKey: "${LOCAL_KEY}" }',
        'keys:',
        '  - { name: ci, key: sk-omni-config-key-0123456789 }',
      ].join('\n'),
    );
    const env = { MOCK_URL: mock.url, LOCAL_KEY: 'local-secret' };
    const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-config-'));
    for (let run = 0; run < 2; run += 1) {
      const instance = await startHarness({
        dataDir,
        env: { ...env, OMNIROUTE_CONFIG: file, REQUIRE_API_KEY: 'true' },
      });
      try {
        const client = new OpenAI({
          baseURL: `${instance.url}/v1`,
          apiKey: 'sk-omni-config-key-0123456789',
          maxRetries: 0,
        });
        const answer = await client.chat.completions.create({
          model: 'local/m',
          messages: [{ role: 'user', content: 'cfg' }],
        });
        expect(answer.choices[0]?.message.content).toContain('cfg');
        const { body } = await instance.manage('GET', '/api/providers');
        expect(body.connections.filter((c: any) => c.provider === 'local')).toHaveLength(1);
      } finally {
        await instance.stop({ keepData: run === 0 });
      }
    }
    writeFileSync(file, 'providers:\n  - { provider: openai, name: x, priority: "high" }\n');
    await expect(startHarness({ env: { OMNIROUTE_CONFIG: file } })).rejects.toThrow(/field 'providers\.0\.priority'/);
  });
});
