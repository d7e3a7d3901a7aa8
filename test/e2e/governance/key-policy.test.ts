import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';
import { chat, createKey } from './governance-setup.js';

let mock: MockUpstream;
let harness: GatewayHarness;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  await harness.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
  await harness.connect({ provider: 'anthropic', apiKey: 'sk-ant', baseUrl: `${mock.url}/v1` });
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});

describe('per-key policy (/api/keys)', () => {
  it('creates a key with a policy, shows it, and validates every field by name', async () => {
    const created = await harness.manage('POST', '/api/keys', {
      name: 'ci',
      allowedModels: ['gpt-*'],
      ipAllowlist: ['10.0.0.0/8'],
      limits: { rpm: 10, maxConcurrent: 2 },
      expiresAt: '2099-01-01T00:00:00Z',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'ci',
      allowedModels: ['gpt-*'],
      ipAllowlist: ['10.0.0.0/8'],
      limits: { rpm: 10, maxConcurrent: 2 },
      expiresAt: '2099-01-01T00:00:00.000Z',
      disabled: false,
    });
    const listed = (await harness.manage('GET', '/api/keys')).body.keys.find((key: any) => key.id === created.body.id);
    expect(listed.limits).toEqual({ rpm: 10, maxConcurrent: 2 });

    const badIp = await harness.manage('POST', '/api/keys', { name: 'x', ipAllowlist: ['10.0.0.0/8', '10.0.0.0/99'] });
    expect(badIp.status).toBe(400);
    expect(badIp.body.error.message).toContain('ipAllowlist.1');
    const badLimit = await harness.manage('POST', '/api/keys', { name: 'x', limits: { rpm: 0 } });
    expect(badLimit.body.error.message).toContain('limits.rpm');
    const badExpiry = await harness.manage('PATCH', `/api/keys/${created.body.id}`, { expiresAt: 'tomorrow' });
    expect(badExpiry.status).toBe(400);
    expect(badExpiry.body.error.message).toContain('expiresAt');
    const unknown = await harness.manage('PATCH', `/api/keys/${created.body.id}`, { colour: 'red' });
    expect(unknown.body.error.message).toContain('colour');
  });

  it('PATCH replaces the fields given, null clears one; unknown or revoked ids are 404; it needs management auth', async () => {
    const { id } = await createKey(harness, { name: 'patchable', blockedModels: ['*-mini'], limits: { rpd: 5 } });
    const patched = await harness.manage('PATCH', `/api/keys/${id}`, { blockedModels: null, disabled: true });
    expect(patched.status).toBe(200);
    expect(patched.body.blockedModels).toBeUndefined();
    expect(patched.body).toMatchObject({ disabled: true, limits: { rpd: 5 } });
    expect((await harness.manage('PATCH', '/api/keys/nope', { disabled: true })).status).toBe(404);
    const anonymous = await fetch(`${harness.url}/api/keys/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: false }),
    });
    expect(anonymous.status).toBe(401);
    const { body: client } = await harness.manage('POST', '/api/keys', { name: 'not-a-manager' });
    const wrongScope = await fetch(`${harness.url}/api/keys/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client.key}` },
      body: JSON.stringify({ disabled: false }),
    });
    expect(wrongScope.status).toBe(403);
    await harness.manage('DELETE', `/api/keys/${id}`);
    expect((await harness.manage('PATCH', `/api/keys/${id}`, { disabled: false })).status).toBe(404);
  });

  it('allowed models: wildcards match the requested name or the resolved provider/model; others are 403', async () => {
    const { key } = await createKey(harness, { name: 'gpt-only', allowedModels: ['gpt-4.1*', 'anthropic/*'] });
    expect((await chat(harness, key, { model: 'openai/gpt-4.1' })).statusCode).toBe(200);
    expect((await chat(harness, key, { model: 'openai/gpt-4.1-mini' })).statusCode).toBe(200);
    expect((await chat(harness, key, { model: 'anthropic/claude-sonnet-4-5' })).statusCode).toBe(200);
    const refused = await chat(harness, key, { model: 'openai/gpt-4o' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain("'gpt-only'");
    expect(refused.json().error.message).toContain("'openai/gpt-4o'");
    expect(refused.json().error.type).toBe('permission_error');
  });

  it('blocked models win over allowed ones, in the client format', async () => {
    const { key } = await createKey(harness, { name: 'no-mini', allowedModels: ['gpt-*'], blockedModels: ['*-mini'] });
    expect((await chat(harness, key, { model: 'openai/gpt-4.1' })).statusCode).toBe(200);
    const refused = await chat(harness, key, { model: 'openai/gpt-4.1-mini' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain("'no-mini'");
    const anthropic = await chat(harness, key, { model: 'openai/gpt-4.1-mini', format: 'anthropic' });
    expect(anthropic.statusCode).toBe(403);
    expect(anthropic.json()).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
  });

  it('allowed combos: a combo runs only when listed', async () => {
    const combo = { name: 'team-fast', models: ['openai/gpt-4.1'] };
    expect((await harness.manage('POST', '/api/combos', combo)).status).toBe(201);
    const { key: listed } = await createKey(harness, { name: 'combo-user', allowedCombos: ['team-*'] });
    expect((await chat(harness, listed, { model: 'team-fast' })).statusCode).toBe(200);
    const { key: other } = await createKey(harness, { name: 'other-combos', allowedCombos: ['ops-*'] });
    const refused = await chat(harness, other, { model: 'team-fast' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain("combo 'team-fast'");
  });

  it('expiry → 401, disabled → 403, both take effect at once and can be lifted', async () => {
    const { id, key } = await createKey(harness, { name: 'temporary' });
    expect((await chat(harness, key)).statusCode).toBe(200);
    await harness.manage('PATCH', `/api/keys/${id}`, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    const expired = await chat(harness, key);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toContain("'temporary' expired");
    await harness.manage('PATCH', `/api/keys/${id}`, { expiresAt: null, disabled: true });
    const disabled = await chat(harness, key);
    expect(disabled.statusCode).toBe(403);
    expect(disabled.json().error.message).toContain("'temporary' is disabled");
    await harness.manage('PATCH', `/api/keys/${id}`, { disabled: false });
    expect((await chat(harness, key)).statusCode).toBe(200);
  });

  it('IP allowlist: only listed addresses (IPv4, IPv6, mapped IPv4) may use the key', async () => {
    const { key } = await createKey(harness, { name: 'office', ipAllowlist: ['203.0.113.0/24', '2001:db8::/32'] });
    expect((await chat(harness, key, { remoteAddress: '203.0.113.9' })).statusCode).toBe(200);
    expect((await chat(harness, key, { remoteAddress: '::ffff:203.0.113.9' })).statusCode).toBe(200);
    expect((await chat(harness, key, { remoteAddress: '2001:db8::1' })).statusCode).toBe(200);
    const outside = await chat(harness, key, { remoteAddress: '198.51.100.1' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toContain('198.51.100.1');
  });
});
