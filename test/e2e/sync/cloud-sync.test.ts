import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';
import { rawChat } from '../routing/routing-setup.js';

/** A and B sync through C, the hub. B requires client keys, so a key made on A must authenticate there. */
let mock: MockUpstream;
let hub: GatewayHarness;
let a: GatewayHarness;
let b: GatewayHarness;
let token: string;
let clientKey: string;
const passphrase = 'a long shared sync passphrase';

async function ok(harness: GatewayHarness, method: string, path: string, body?: unknown) {
  const answer = await harness.manage(method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
const sync = (harness: GatewayHarness, action = 'sync') => harness.manage('POST', '/api/sync/cloud', { action });
const combos = async (harness: GatewayHarness) => (await ok(harness, 'GET', '/api/combos')).combos as any[];
const comboNamed = async (harness: GatewayHarness, name: string) =>
  (await combos(harness)).find((combo) => combo.name === name);
const chat = (harness: GatewayHarness, model: string, key = clientKey) =>
  rawChat(harness.url, model, 'hello', { headers: { authorization: `Bearer ${key}` } });

beforeAll(async () => {
  mock = await startMockUpstream();
  [hub, a, b] = await Promise.all([startHarness(), startHarness(), startHarness({ config: { requireApiKey: true } })]);
  await ok(hub, 'PATCH', '/api/settings', { sync: { hubEnabled: true } });
  token = (await ok(hub, 'POST', '/api/sync/hub/tokens', { name: 'team', space: 'team' })).token;
  for (const instance of [a, b]) {
    await ok(instance, 'POST', '/api/sync/initialize', { hubUrl: hub.url, token, passphrase, space: 'team' });
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), hub?.stop()]);
  await mock?.close();
});

describe('cloud sync between two gateways through a hub', () => {
  it('refuses the bundle store without a valid sync token, and management login is not one', async () => {
    const noToken = await fetch(`${hub.url}/api/cloud/bundles/team`);
    expect(noToken.status).toBe(401);
    const wrongSpace = await fetch(`${hub.url}/api/cloud/bundles/other`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(wrongSpace.status).toBe(403);
    const notHub = await fetch(`${a.url}/api/cloud/bundles/team`, { headers: { authorization: `Bearer ${token}` } });
    expect(notHub.status).toBe(404);
  });

  it('a connection, combo and key made on A work on B after syncing', async () => {
    await a.connect({ provider: 'openai', name: 'shared', apiKey: 'sk-upstream-from-a', baseUrl: `${mock.url}/v1` });
    await ok(a, 'POST', '/api/combos', { name: 'team-combo', strategy: 'priority', models: ['openai/gpt-4o'] });
    clientKey = (await ok(a, 'POST', '/api/keys', { name: 'laptop' })).key;
    await ok(a, 'PATCH', '/api/settings', {
      systemPrompt: { enabled: true, prefixPrompt: 'Team rules.' },
      sync: { intervalMinutes: 0 },
    });

    const pushed = await sync(a);
    expect(pushed.status).toBe(200);
    expect(pushed.body.result.pushedVersion).toBeGreaterThan(0);
    const pulled = await sync(b);
    expect(pulled.status).toBe(200);
    expect(pulled.body.result.applied.map((object: any) => object.kind)).toEqual(
      expect.arrayContaining(['connection', 'combo', 'api-key']),
    );

    const connections = (await ok(b, 'GET', '/api/providers')).connections;
    expect(connections.map((connection: any) => connection.name)).toContain('shared');
    expect(await comboNamed(b, 'team-combo')).toBeDefined();

    const from = mock.requests.length;
    const answer = await chat(b, 'team-combo');
    expect(answer.status).toBe(200);
    expect(answer.body.choices[0].message.content).toContain('hello');
    expect(mock.requests[from]?.headers.authorization).toBe('Bearer sk-upstream-from-a');
    expect((await chat(b, 'team-combo', 'sk-omni-not-a-key')).status).toBe(401);

    const settings = await ok(b, 'GET', '/api/settings');
    expect(settings.systemPrompt).toMatchObject({ enabled: true, prefixPrompt: 'Team rules.' });
    // The sync section is each instance's own role: it never travels.
    expect(settings.sync.intervalMinutes).toBe(15);

    const status = await ok(b, 'GET', '/api/sync/cloud');
    expect(status).toMatchObject({ paired: true, enabled: true, space: 'team', lastError: null });
    expect(status.lastSyncAt).not.toBeNull();
    expect(JSON.stringify(status)).not.toContain(passphrase);
  });

  it('never puts secrets in the hub in the clear', async () => {
    const stored = await fetch(`${hub.url}/api/cloud/bundles/team`, { headers: { authorization: `Bearer ${token}` } });
    const text = await stored.text();
    expect(stored.headers.get('etag')).toMatch(/^"\d+"$/);
    expect(text).toContain('team-combo');
    expect(text).not.toContain('sk-upstream-from-a');
    expect(text).not.toContain(passphrase);
    const audit = JSON.stringify(await ok(a, 'GET', '/api/compliance/audit-log?limit=200'));
    expect(audit).toContain('/api/sync/initialize');
    expect(audit).not.toContain(passphrase);
    expect(audit).not.toContain(token);
  });

  it('refuses a push over a version that is no longer current', async () => {
    const current = await fetch(`${hub.url}/api/cloud/bundles/team`, { headers: { authorization: `Bearer ${token}` } });
    const stale = await fetch(`${hub.url}/api/cloud/bundles/team`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '"0"' },
      body: await current.text(),
    });
    expect(stale.status).toBe(412);
  });

  it('resolves concurrent edits of one combo by last writer, with the loser in the audit log', async () => {
    const onA = await comboNamed(a, 'team-combo');
    const onB = await comboNamed(b, 'team-combo');
    expect(onA.id).toBe(onB.id);
    await ok(a, 'PUT', `/api/combos/${onA.id}`, { strategy: 'random' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ok(b, 'PUT', `/api/combos/${onB.id}`, { strategy: 'round-robin' });

    expect((await sync(a)).status).toBe(200);
    const onBSync = await sync(b);
    expect(onBSync.body.result.conflicts).toEqual([
      expect.objectContaining({ kind: 'combo', id: onB.id, reason: 'concurrent-edit' }),
    ]);
    expect((await sync(a)).status).toBe(200);
    expect((await comboNamed(a, 'team-combo')).strategy).toBe('round-robin');
    expect((await comboNamed(b, 'team-combo')).strategy).toBe('round-robin');

    const audit = await ok(b, 'GET', '/api/compliance/audit-log?action=sync.conflict');
    const entry = audit.entries.find((row: any) => row.target === `combo:${onB.id}`);
    expect(entry.details.loser.data.strategy).toBe('random');
    expect((await ok(b, 'GET', '/api/sync/cloud')).conflicts[0]).toMatchObject({ kind: 'combo', id: onB.id });
  });

  it('propagates deletions', async () => {
    const extra = await ok(a, 'POST', '/api/combos', {
      name: 'short-lived',
      strategy: 'priority',
      models: ['openai/gpt-4o'],
    });
    await sync(a);
    await sync(b);
    expect(await comboNamed(b, 'short-lived')).toBeDefined();
    await ok(a, 'DELETE', `/api/combos/${extra.id}`);
    await sync(a);
    const pulled = await sync(b);
    expect(pulled.body.result.applied).toContainEqual({ kind: 'combo', id: extra.id, deleted: true });
    expect(await comboNamed(b, 'short-lived')).toBeUndefined();
  });

  it('refuses a wrong passphrase and changes nothing', async () => {
    const before = await combos(b);
    const refused = await b.manage('POST', '/api/sync/initialize', {
      hubUrl: hub.url,
      token,
      passphrase: 'not the shared passphrase',
      space: 'team',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/passphrase is wrong/);
    expect(await combos(b)).toEqual(before);
    expect((await sync(b)).status).toBe(200);
  });

  it('refuses a bundle modified at the hub and changes nothing', async () => {
    await ok(a, 'PUT', `/api/combos/${(await comboNamed(a, 'team-combo')).id}`, { strategy: 'fill-first' });
    await sync(a);
    const before = await combos(b);
    const database = new BetterSqlite3(join(hub.dataDir, 'storage.sqlite'));
    try {
      const row = database.prepare('select bundle from sync_bundles where space = ?').get('team') as { bundle: string };
      database
        .prepare('update sync_bundles set bundle = ? where space = ?')
        .run(row.bundle.replace('"fill-first"', '"least-used"'), 'team');
    } finally {
      database.close();
    }
    const refused = await sync(b, 'pull');
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/integrity check failed/);
    expect(await combos(b)).toEqual(before);
    const status = await ok(b, 'GET', '/api/sync/cloud');
    expect(status.lastError).toMatchObject({ action: 'pull', message: expect.stringMatching(/integrity/) });
  });

  it('keeps both instances serving while the hub is down, with the error in the status', async () => {
    await hub.stop();
    const failed = await sync(a);
    expect(failed.status).toBe(502);
    expect(failed.body.error.message).toMatch(/sync hub .* cannot be reached/);
    expect((await ok(a, 'GET', '/api/sync/cloud')).lastError).toMatchObject({ code: 'upstream_unreachable' });
    expect((await chat(a, 'team-combo')).status).toBe(200);
    expect((await chat(b, 'team-combo')).status).toBe(200);
  });
});
