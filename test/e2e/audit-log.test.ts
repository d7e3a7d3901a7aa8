import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, jsonOf, startHarness } from '../helpers/gateway-harness.js';

let harness: GatewayHarness;
const secret = 'sk-deepseek-top-secret-0001';
const newSecret = 'sk-deepseek-top-secret-0002';

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

async function entries(query = ''): Promise<any[]> {
  const { status, body } = await harness.manage('GET', `/api/compliance/audit-log?limit=500${query}`);
  expect(status).toBe(200);
  return body.entries;
}
const latest = async (action: string) => (await entries(`&action=${action}`))[0];

describe('audit entries for configuration changes', () => {
  it('records provider create, update (what changed) and delete, with the credential redacted', async () => {
    const created = await harness.connect({ provider: 'deepseek', name: 'work', apiKey: secret });
    expect(await latest('provider.create')).toMatchObject({
      actor: 'dashboard',
      ip: '127.0.0.1',
      target: created.id,
      details: {
        request: 'POST /api/providers',
        input: { provider: 'deepseek', name: 'work', apiKey: '[redacted]' },
      },
    });

    const updated = await harness.manage('PUT', `/api/providers/${created.id}`, { priority: 7, apiKey: newSecret });
    expect(updated.status).toBe(200);
    const update = await latest('provider.update');
    expect(update).toMatchObject({ target: created.id, details: { params: { id: created.id } } });
    expect(update.details.changes).toEqual({ priority: { before: created.priority, after: 7 }, apiKey: '[redacted]' });

    expect((await harness.manage('DELETE', `/api/providers/${created.id}`)).status).toBe(204);
    expect(await latest('provider.delete')).toMatchObject({
      target: created.id,
      details: { before: { name: 'work', provider: 'deepseek', apiKey: '[redacted]' } },
    });

    const everything = JSON.stringify(await entries());
    expect(everything).not.toContain('top-secret');
    expect(everything).not.toContain('0001');
  });

  it('records key creation and revocation by the key that made them, never the key itself', async () => {
    const { body: admin } = await harness.manage('POST', '/api/keys', { name: 'ops', scopes: ['manage'] });
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${harness.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${admin.key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const created = await jsonOf(await call('POST', '/api/keys', { name: 'temp' }));
    expect((await call('DELETE', `/api/keys/${created.id}`)).status).toBe(204);
    expect(await latest('key.create')).toMatchObject({
      actor: 'key:ops',
      target: created.id,
      details: { input: { name: 'temp' } },
    });
    expect(await latest('key.revoke')).toMatchObject({
      actor: 'key:ops',
      target: created.id,
      details: { before: { name: 'temp', revokedAt: null } },
    });
    const everything = JSON.stringify(await entries());
    expect(everything).not.toContain(admin.key);
    expect(everything).not.toContain(created.key);
  });

  it('records nodes, combos, aliases, settings and resilience changes', async () => {
    const node = await harness.manage('POST', '/api/provider-nodes', {
      name: 'local-llm',
      prefix: 'local',
      apiType: 'openai',
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    expect(node.status).toBe(201);
    await harness.manage('PUT', `/api/provider-nodes/${node.body.id}`, { baseUrl: 'http://127.0.0.1:10/v1' });
    expect((await latest('node.update')).details.changes).toEqual({
      baseUrl: { before: 'http://127.0.0.1:9/v1', after: 'http://127.0.0.1:10/v1' },
    });

    const combo = await harness.manage('POST', '/api/combos', { name: 'coding', models: ['openai/gpt-4.1'] });
    expect(combo.status).toBe(201);
    expect(await latest('combo.create')).toMatchObject({
      target: combo.body.id,
      details: { input: { name: 'coding' } },
    });
    await harness.manage('PUT', `/api/combos/${combo.body.id}`, { strategy: 'round-robin' });
    expect((await latest('combo.update')).details.changes).toEqual({
      strategy: { before: 'priority', after: 'round-robin' },
    });
    await harness.manage('DELETE', `/api/combos/${combo.body.id}`);
    expect(await latest('combo.delete')).toMatchObject({ details: { before: { name: 'coding' } } });

    await harness.manage('POST', '/api/models/alias', { alias: 'fast', target: 'openai/gpt-4.1-mini' });
    await harness.manage('POST', '/api/models/alias', { alias: 'fast', target: 'openai/gpt-4.1' });
    expect((await latest('alias.set')).details.changes).toEqual({
      target: { before: 'openai/gpt-4.1-mini', after: 'openai/gpt-4.1' },
    });
    await harness.manage('DELETE', '/api/models/alias/fast');
    expect(await latest('alias.delete')).toMatchObject({
      target: 'fast',
      details: { before: { target: 'openai/gpt-4.1' } },
    });

    await harness.manage('PUT', '/api/settings/require-login', { requireLogin: false });
    await harness.manage('PUT', '/api/settings/require-login', { requireLogin: true });
    expect(await latest('settings.update')).toMatchObject({
      target: 'require-login',
      details: { changes: { requireLogin: { before: false, after: true } } },
    });

    await harness.manage('PATCH', '/api/resilience', { routing: { accountStrategy: 'round-robin' } });
    expect((await latest('resilience.update')).details.changes).toMatchObject({
      'routing.accountStrategy': { before: 'fill-first', after: 'round-robin' },
    });
  });

  it('records nothing for refused changes or reads', async () => {
    const before = (await entries()).length;
    expect((await harness.manage('PUT', '/api/providers/nope', { priority: 1 })).status).toBe(404);
    expect((await harness.manage('POST', '/api/keys', { name: '' })).status).toBe(400);
    await harness.manage('GET', '/api/providers');
    expect((await entries()).length).toBe(before);
  });
});

describe('blocked client requests', () => {
  it('records an IP-filter refusal as request.blocked, once per address and reason per minute', async () => {
    const filter = await harness.manage('PUT', '/api/settings/ip-filter', {
      mode: 'blocklist',
      blocklist: ['10.0.0.0/8'],
    });
    expect(filter.status).toBe(200);
    const call = () =>
      harness.gateway.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        remoteAddress: '10.1.2.3',
        headers: { 'content-type': 'application/json' },
        payload: { model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'hi' }] },
      });
    expect((await call()).statusCode).toBe(403);
    expect((await call()).statusCode).toBe(403);
    const blocked = (await entries('&action=request.blocked')).filter((entry) => entry.ip === '10.1.2.3');
    expect(blocked).toHaveLength(1);
    expect(blocked[0]).toMatchObject({
      actor: 'anonymous',
      target: null, // refused before the body is read
      details: { route: 'POST /v1/chat/completions', reason: expect.stringContaining('IP filter') },
    });
    await harness.manage('PUT', '/api/settings/ip-filter', { mode: 'off', blocklist: [] });
  });

  it('records a policy refusal with the model asked for', async () => {
    const policy = await harness.manage('POST', '/api/policies', {
      name: 'no-gpt',
      match: { models: ['gpt-4.1*'] },
      action: { type: 'block' },
    });
    expect(policy.status).toBe(201);
    const response = await fetch(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(403);
    expect(await latest('request.blocked')).toMatchObject({
      ip: '127.0.0.1',
      target: 'openai/gpt-4.1',
      details: { reason: expect.stringContaining('no-gpt') },
    });
    expect(await latest('policy.create')).toMatchObject({
      target: policy.body.id,
      details: { input: { name: 'no-gpt' } },
    });
    await harness.manage('DELETE', `/api/policies/${policy.body.id}`);
  });
});

describe('GET /api/compliance/audit-log', () => {
  it('pages newest first with a cursor and filters by action prefix, actor and time', async () => {
    const first = await harness.manage('GET', '/api/compliance/audit-log?limit=2');
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.nextCursor).toBe(first.body.entries[1].id);
    const second = await harness.manage('GET', `/api/compliance/audit-log?limit=2&before=${first.body.nextCursor}`);
    expect(second.body.entries[0].id).toBeLessThan(first.body.entries[1].id);

    const all = await entries();
    expect((await entries('&action=login.')).every((entry) => entry.action.startsWith('login.'))).toBe(true);
    expect((await entries('&action=login.')).length).toBeGreaterThan(0);
    const byKey = await entries('&actor=key:ops');
    expect(byKey.length).toBeGreaterThan(0);
    expect(byKey.every((entry) => entry.actor === 'key:ops')).toBe(true);
    const newest = all[0].createdAt as string;
    expect((await entries(`&since=${encodeURIComponent(newest)}`)).every((entry) => entry.createdAt >= newest)).toBe(
      true,
    );
    expect(await entries(`&until=${Date.parse(all.at(-1).createdAt)}`)).toEqual([]);
    const last = await harness.manage('GET', '/api/compliance/audit-log?limit=500');
    expect(last.body.nextCursor).toBeNull();
  });

  it('refuses bad parameters naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['before=x', 'before'],
      ['since=yesterday', 'since'],
      ['colour=red', 'colour'],
    ]) {
      const { status, body } = await harness.manage('GET', `/api/compliance/audit-log?${query}`);
      expect(status).toBe(400);
      expect(body.error.param).toBe(field);
    }
  });

  it('is closed to anonymous callers and to client-only keys', async () => {
    expect((await fetch(`${harness.url}/api/compliance/audit-log`)).status).toBe(401);
    const { body: client } = await harness.manage('POST', '/api/keys', { name: 'client-only' });
    const response = await fetch(`${harness.url}/api/compliance/audit-log`, {
      headers: { authorization: `Bearer ${client.key}` },
    });
    expect(response.status).toBe(403);
    expect(await latest('request.blocked')).toMatchObject({ actor: 'key:client-only', details: { reason: 'scope' } });
  });

  it('keeps entries across a restart (the queue is flushed on shutdown)', async () => {
    await harness.manage('POST', '/api/keys', { name: 'just-before-stop' });
    await harness.stop({ keepData: true });
    harness = await startHarness({ dataDir: harness.dataDir });
    expect(
      (await entries('&action=key.create')).some((entry) => entry.details.input?.name === 'just-before-stop'),
    ).toBe(true);
  });
});
