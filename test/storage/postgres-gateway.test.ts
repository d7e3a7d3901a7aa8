import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { type GatewayHarness, requestLogs, startHarness } from '../helpers/gateway-harness.js';
import { clusterEnv, createTestDatabase, dropTestDatabase, postgresEngine } from '../helpers/test-databases.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

/**
 * Two gateway processes' worth of state (two gateways in this process, each with its own data folder) on one
 * PostgreSQL database: everything the management API writes lands in PostgreSQL, and a change made through one
 * gateway reaches the other without a restart.
 */
describe.runIf(postgresEngine !== undefined)('two gateways on one PostgreSQL database', () => {
  let mock: MockUpstream;
  let url: string;
  let a: GatewayHarness;
  let b: GatewayHarness;

  beforeAll(async () => {
    mock = await startMockUpstream();
    url = await createTestDatabase();
    const env = clusterEnv(url);
    a = await startHarness({ env });
    b = await startHarness({ env });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await mock?.close();
    if (url !== undefined) await dropTestDatabase(url);
  });

  it('reports PostgreSQL in health and refuses SQLite backups with a clear reason', async () => {
    const health = await a.manage('GET', '/api/monitoring/health');
    expect(health.body.database).toMatchObject({ ok: true, engine: 'postgres' });
    expect(health.body.database.location).not.toContain('pg-test');
    const info = await a.manage('GET', '/api/system-info');
    expect(info.body.database.migrations).toContain('0001-initial');
    const backup = await a.manage('PUT', '/api/db-backups', {});
    expect(backup.status).toBe(409);
    expect(backup.body.error.message).toContain('pg_dump');
  });

  it('serves a chat through a connection, key and combo created on the other gateway', async () => {
    await a.connect({ provider: 'openai', apiKey: 'sk-upstream', baseUrl: `${mock.url}/v1` });
    const key = await a.manage('POST', '/api/keys', { name: 'shared', limits: { rpm: 100 } });
    expect(key.status).toBe(201);
    expect((await a.manage('POST', '/api/combos', { name: 'team', models: ['openai/gpt-4.1'] })).status).toBe(201);
    expect((await a.manage('POST', '/api/models/alias', { alias: 'fast', target: 'team' })).status).toBe(201);

    const answer = await eventually(async () => {
      const response = await fetch(`${b.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.body.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'hello from b' }] }),
      });
      return response.status === 200 ? ((await response.json()) as any) : undefined;
    });
    expect(answer.choices[0].message.content).toBe('Mock openai reply to: hello from b');
    // The upstream got the secret stored (sealed) by the other gateway.
    expect(mock.requests.at(-1)?.headers.authorization).toBe('Bearer sk-upstream');

    const rows = await requestLogs(b);
    expect(rows[0]).toMatchObject({ model: 'gpt-4.1', provider: 'openai', combo: 'team', status: 200 });
    // Both gateways read the same log.
    const seenByA = await requestLogs(a);
    expect(seenByA.map((row) => row.requestId)).toContain(rows[0].requestId);
    const history = await a.manage('GET', '/api/usage/history?bucket=hour&groupBy=provider');
    expect(history.status).toBe(200);
    expect(history.body.totals.requests).toBeGreaterThanOrEqual(1);
  });

  it('applies a settings change made on one gateway to the other', async () => {
    const changed = await a.manage('PATCH', '/api/settings', { requestLogs: { retentionDays: 3 } });
    expect(changed.status).toBe(200);
    const seen = await eventually(async () => {
      const { body } = await b.manage('GET', '/api/settings');
      return body.requestLogs.retentionDays === 3 ? body : undefined;
    });
    expect(seen.requestLogs.retentionDays).toBe(3);
  });

  it('keeps budgets and audit entries in the shared database', async () => {
    const key = await a.manage('POST', '/api/keys', { name: 'budgeted' });
    const set = await a.manage('POST', '/api/usage/budget', { keyId: key.body.id, limit: 5, period: 'daily' });
    expect(set.status).toBe(201);
    const budgets = await eventually(async () => {
      const { body } = await b.manage('GET', '/api/usage/budget');
      return body.budgets.some((entry: { keyId: string }) => entry.keyId === key.body.id) ? body : undefined;
    });
    expect(budgets.budgets.find((entry: { keyId: string }) => entry.keyId === key.body.id)).toMatchObject({
      limit: 5,
      period: 'daily',
    });
    const audit = await b.manage('GET', '/api/compliance/audit-log?limit=50');
    expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['key.create']),
    );
  });
});

/** Retries `probe` until it returns a value (another process's change arrives within about a second). */
