import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';

let mock: MockUpstream;
let harness: GatewayHarness;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  await harness.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});
beforeEach(async () => {
  await harness.manage('PUT', '/api/settings/ip-filter', { mode: 'off', allowlist: [], blocklist: [] });
});

/** A client call from any address, in-process (Fastify inject), as a remote client would make it. */
const call = (remoteAddress: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  harness.gateway.app.inject({
    method,
    url,
    remoteAddress,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const chatBody = { model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'hi' }] };

describe('IP filter (/api/settings/ip-filter)', () => {
  it('stores and returns the section, validating every entry and naming the bad one', async () => {
    const put = await harness.manage('PUT', '/api/settings/ip-filter', {
      mode: 'blocklist',
      blocklist: ['203.0.113.0/24', '2001:db8::/32'],
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ mode: 'blocklist', allowlist: [], blocklist: ['203.0.113.0/24', '2001:db8::/32'] });
    expect((await harness.manage('GET', '/api/settings/ip-filter')).body.mode).toBe('blocklist');
    const bad = await harness.manage('PUT', '/api/settings/ip-filter', { blocklist: ['10.0.0.0/8', '10.0.0.0/99'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('ipFilter.blocklist.1');
    const mode = await harness.manage('PUT', '/api/settings/ip-filter', { mode: 'deny' });
    expect(mode.status).toBe(400);
    expect((await fetch(`${harness.url}/api/settings/ip-filter`)).status).toBe(401);
  });

  it('blocklist: refuses listed addresses with 403 in each client format, lets others through', async () => {
    await harness.manage('PUT', '/api/settings/ip-filter', {
      mode: 'blocklist',
      blocklist: ['203.0.113.0/24', '2001:db8::/32'],
    });
    const openai = await call('203.0.113.5', 'POST', '/v1/chat/completions', chatBody);
    expect(openai.statusCode).toBe(403);
    expect(openai.json().error).toMatchObject({ type: 'permission_error' });
    expect(openai.json().error.message).toContain('203.0.113.5');

    const anthropic = await call('203.0.113.5', 'POST', '/v1/messages', { model: 'x', max_tokens: 5, messages: [] });
    expect(anthropic.statusCode).toBe(403);
    expect(anthropic.json()).toMatchObject({ type: 'error', error: { type: 'permission_error' } });

    const gemini = await call('2001:db8::7', 'POST', '/v1beta/models/x:generateContent', { contents: [] });
    expect(gemini.statusCode).toBe(403);
    expect(gemini.json().error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });

    const ollama = await call('203.0.113.5', 'POST', '/api/chat', { model: 'x', messages: [] });
    expect(ollama.statusCode).toBe(403);
    expect(typeof ollama.json().error).toBe('string');

    for (const list of ['/v1/models', '/v1beta/models', '/api/tags']) {
      expect((await call('203.0.113.5', 'GET', list)).statusCode, list).toBe(403);
    }
    const allowed = await call('198.51.100.1', 'POST', '/v1/chat/completions', chatBody);
    expect(allowed.statusCode).toBe(200);
    // Dual-stack listeners report IPv4 clients as IPv4-mapped IPv6.
    expect((await call('::ffff:203.0.113.9', 'GET', '/v1/models')).statusCode).toBe(403);
  });

  it('allowlist: only listed addresses reach client routes; management and health are not filtered', async () => {
    await harness.manage('PUT', '/api/settings/ip-filter', {
      mode: 'allowlist',
      allowlist: ['127.0.0.1', '10.0.0.0/8'],
    });
    expect((await call('10.20.30.40', 'GET', '/v1/models')).statusCode).toBe(200);
    expect((await call('192.0.2.1', 'GET', '/v1/models')).statusCode).toBe(403);
    expect((await call('192.0.2.1', 'GET', '/health')).statusCode).toBe(200);
    // Real loopback traffic (the harness itself) is listed, so it still works.
    expect((await fetch(`${harness.url}/v1/models`)).status).toBe(200);
  });

  it('off: everyone passes', async () => {
    expect((await call('192.0.2.1', 'GET', '/v1/models')).statusCode).toBe(200);
  });
});
