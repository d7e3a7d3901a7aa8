import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { startHttpProxy, type TestHttpProxy } from '../../helpers/http-proxy.js';
import { startSocks5Server, type TestSocks5Server } from '../../helpers/socks5-server.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';

const password = 'p@ss:w/rd';
let mock: MockUpstream;
let httpProxy: TestHttpProxy;
let socks: TestSocks5Server;
let harness: GatewayHarness;
let connection: any;

beforeAll(async () => {
  mock = await startMockUpstream();
  httpProxy = await startHttpProxy({ username: 'alice', password });
  socks = await startSocks5Server({ username: 'bob', password });
  harness = await startHarness();
  connection = await harness.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
});
afterAll(async () => {
  await harness.stop();
  await Promise.all([mock.close(), httpProxy.close(), socks.close()]);
});
beforeEach(async () => {
  httpProxy.dropConnections();
  socks.dropConnections();
  httpProxy.records.length = 0;
  socks.records.length = 0;
  mock.reset();
  await harness.manage('PUT', '/api/settings/proxy', { url: null, noProxy: [] });
  await harness.manage('PUT', `/api/providers/${connection.id}`, { proxyUrl: null });
  // A refused proxy in one test parks the account; the next test must not depend on that cooldown having ended.
  await harness.manage('POST', '/api/resilience/reset', {});
});

const chat = (content = 'hello') =>
  new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: 'client', maxRetries: 0 }).chat.completions.create({
    model: 'openai/gpt-4.1',
    messages: [{ role: 'user', content }],
  });

const rawChat = async () => {
  const response = await fetch(`${harness.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'x' }] }),
  });
  return { status: response.status, text: await response.text() };
};

describe('global proxy (/api/settings/proxy)', () => {
  it('sends upstream calls through an HTTP proxy with credentials, and never shows the password', async () => {
    const put = await harness.manage('PUT', '/api/settings/proxy', { url: httpProxy.authUrl });
    expect(put.status).toBe(200);
    expect(put.body.url).toMatch(/^http:\/\/alice:\*\*\*\*@127\.0\.0\.1:\d+$/);
    expect(put.body.source).toBe('settings');
    const answer = await chat('through the proxy');
    expect(answer.choices[0]?.message.content).toContain('through the proxy');
    // A plain-http origin is forwarded (absolute URI), carrying the Basic credentials.
    expect(httpProxy.records).toContainEqual({
      kind: 'forward',
      target: `${mock.url}/v1/chat/completions`,
      credentials: `alice:${password}`,
    });
    expect(mock.requests).toHaveLength(1);
    const { body: shown } = await harness.manage('GET', '/api/settings/proxy');
    expect(JSON.stringify(shown)).not.toContain(password);
    const { body: all } = await harness.manage('GET', '/api/settings');
    expect(JSON.stringify(all)).not.toContain(password);
  });

  it('keeps the stored password when the masked URL is sent back', async () => {
    await harness.manage('PUT', '/api/settings/proxy', { url: httpProxy.authUrl });
    const { body: shown } = await harness.manage('GET', '/api/settings/proxy');
    expect((await harness.manage('PUT', '/api/settings/proxy', { url: shown.url })).status).toBe(200);
    await chat();
    expect(httpProxy.records.at(-1)?.credentials).toBe(`alice:${password}`);
  });

  it('fails with a clear upstream error when the proxy refuses the credentials', async () => {
    await harness.manage('PUT', '/api/settings/proxy', { url: httpProxy.authUrl.replace('w%2Frd', 'nope') });
    const answer = await rawChat();
    expect(answer.status).toBe(502);
    expect(answer.text).toMatch(/407|Proxy Authentication/);
    expect(answer.text).not.toContain('nope');
    expect(mock.requests).toHaveLength(0);
  });

  it('tunnels through a SOCKS5 proxy with username/password authentication', async () => {
    await harness.manage('PUT', '/api/settings/proxy', { url: socks.authUrl });
    const answer = await chat('over socks');
    expect(answer.choices[0]?.message.content).toContain('over socks');
    expect(socks.records).toContainEqual({ target: new URL(mock.url).host, username: 'bob' });
    expect(httpProxy.records).toHaveLength(0);
  });

  it('reports a SOCKS5 authentication failure without the credentials', async () => {
    const refusalsBefore = socks.refusals;
    await harness.manage('PUT', '/api/settings/proxy', { url: socks.authUrl.replace('w%2Frd', 'wrong') });
    const answer = await rawChat();
    expect(answer.status).toBe(502);
    expect(answer.text).toContain('rejected the user name or password');
    expect(answer.text).not.toContain('wrong');
    expect(socks.refusals).toBe(refusalsBefore + 1);
  });

  it('goes direct to hosts in the no-proxy list', async () => {
    await harness.manage('PUT', '/api/settings/proxy', { url: httpProxy.authUrl, noProxy: ['127.0.0.1'] });
    await chat();
    expect(httpProxy.records).toHaveLength(0);
    expect(mock.requests).toHaveLength(1);
  });

  it('validates input and naming the field, and stays closed to anonymous callers', async () => {
    const bad = await harness.manage('PUT', '/api/settings/proxy', { url: 'ftp://example.com' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("'url'");
    const unknown = await harness.manage('PUT', '/api/settings/proxy', { url: null, extra: 1 });
    expect(unknown.status).toBe(400);
    expect((await fetch(`${harness.url}/api/settings/proxy`)).status).toBe(401);
  });
});

describe('per-connection proxy (PUT /api/providers/:id {proxyUrl})', () => {
  it('wins over the global proxy, is masked in views, and null returns to the global one', async () => {
    await harness.manage('PUT', '/api/settings/proxy', { url: httpProxy.authUrl });
    const put = await harness.manage('PUT', `/api/providers/${connection.id}`, { proxyUrl: socks.authUrl });
    expect(put.status).toBe(200);
    expect(put.body.proxyUrl).toMatch(/^socks5:\/\/bob:\*\*\*\*@/);
    await chat();
    expect(socks.records).toHaveLength(1);
    expect(httpProxy.records).toHaveLength(0);

    // The masked URL sent back keeps the stored password.
    await harness.manage('PUT', `/api/providers/${connection.id}`, { proxyUrl: put.body.proxyUrl });
    socks.dropConnections();
    await chat();
    expect(socks.records).toHaveLength(2);

    await harness.manage('PUT', `/api/providers/${connection.id}`, { proxyUrl: null });
    await chat();
    expect(httpProxy.records).toHaveLength(1);
    const { body: list } = await harness.manage('GET', '/api/providers');
    expect(JSON.stringify(list)).not.toContain(password);
  });

  it('also works through a SOCKS5 proxy without authentication', async () => {
    const open = await startSocks5Server();
    try {
      await harness.manage('PUT', `/api/providers/${connection.id}`, { proxyUrl: open.url });
      const answer = await chat('no auth');
      expect(answer.choices[0]?.message.content).toContain('no auth');
      expect(open.records).toEqual([{ target: new URL(mock.url).host, username: undefined }]);
    } finally {
      await open.close();
    }
  });

  it('refuses a malformed proxy URL naming the field', async () => {
    const bad = await harness.manage('PUT', `/api/providers/${connection.id}`, { proxyUrl: 'socks4://h:1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("'proxyUrl'");
  });
});

describe('POST /api/settings/proxy/test', () => {
  it('requests the first connection base URL through the configured proxy and reports latency', async () => {
    await harness.manage('PUT', '/api/settings/proxy', { url: httpProxy.authUrl });
    const { status, body } = await harness.manage('POST', '/api/settings/proxy/test', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, target: `${mock.url}/v1`, latencyMs: expect.any(Number) });
    expect(body.proxy).toMatch(/alice:\*\*\*\*@/);
    expect(httpProxy.records.at(-1)).toMatchObject({ kind: 'forward', target: `${mock.url}/v1` });
  });

  it('tries a proxy before saving it, through a CONNECT tunnel for https URLs', async () => {
    const target = `https://127.0.0.1:${new URL(mock.url).port}/`;
    const { body } = await harness.manage('POST', '/api/settings/proxy/test', {
      url: target,
      proxyUrl: httpProxy.authUrl,
    });
    // The mock speaks plain HTTP, so TLS fails inside the tunnel, but the tunnel itself was opened with credentials.
    expect(httpProxy.records).toContainEqual({
      kind: 'connect',
      target: `127.0.0.1:${new URL(mock.url).port}`,
      credentials: `alice:${password}`,
    });
    expect(body.ok).toBe(false);
    expect(body.error).not.toContain(password);
  });

  it('reports an unreachable proxy as not ok, with the reason', async () => {
    const { body } = await harness.manage('POST', '/api/settings/proxy/test', {
      url: `${mock.url}/v1/models`,
      proxyUrl: 'socks5://u:secret@127.0.0.1:1',
    });
    expect(body).toMatchObject({ ok: false, proxy: 'socks5://u:****@127.0.0.1:1' });
    expect(body.error).toMatch(/SOCKS5 proxy 127\.0\.0\.1:1/);
    expect(body.error).not.toContain('secret');
  });
});

describe('environment proxies (HTTP_PROXY, NO_PROXY)', () => {
  it('are used when no proxy is configured, and NO_PROXY bypasses them', async () => {
    const viaEnv = await startHarness({ env: { HTTP_PROXY: httpProxy.authUrl } });
    const bypass = await startHarness({ env: { http_proxy: httpProxy.authUrl, NO_PROXY: 'localhost,127.0.0.1' } });
    try {
      for (const gateway of [viaEnv, bypass]) {
        await gateway.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
      }
      const { body } = await viaEnv.manage('GET', '/api/settings/proxy');
      expect(body).toMatchObject({ url: null, source: 'environment' });
      expect(body.environment.httpProxy).toMatch(/alice:\*\*\*\*@/);

      const client = (gateway: GatewayHarness) =>
        new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
      const request = { model: 'openai/gpt-4.1', messages: [{ role: 'user' as const, content: 'env' }] };
      await client(viaEnv).chat.completions.create(request);
      expect(httpProxy.records).toHaveLength(1);
      await client(bypass).chat.completions.create(request);
      expect(httpProxy.records).toHaveLength(1);
    } finally {
      await viaEnv.stop();
      await bypass.stop();
    }
  });
});
