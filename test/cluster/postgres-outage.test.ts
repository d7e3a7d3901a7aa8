import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { type GatewayHarness, jsonOf, startHarness } from '../helpers/gateway-harness.js';
import { startTcpForwarder, type TcpForwarder } from '../helpers/tcp-forwarder.js';
import { clusterEnv, createTestDatabase, dropTestDatabase, postgresEngine } from '../helpers/test-databases.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

/**
 * PostgreSQL going away while a gateway runs: gateway A reaches the database through a forwarder the test cuts, B
 * directly. A keeps serving from its in-memory configuration, says the database is down, queues its request logs
 * and writes them on the database's return, and hears configuration changes again.
 */
describe.runIf(postgresEngine !== undefined)('PostgreSQL outage during operation', () => {
  let mock: MockUpstream;
  let url: string;
  let forwarder: TcpForwarder;
  let a: GatewayHarness;
  let b: GatewayHarness;
  let managementKey: string;

  beforeAll(async () => {
    mock = await startMockUpstream();
    url = await createTestDatabase();
    const direct = new URL(url);
    forwarder = await startTcpForwarder({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaForwarder = new URL(url);
    viaForwarder.hostname = '127.0.0.1';
    viaForwarder.port = String(forwarder.port);
    a = await startHarness({ env: clusterEnv(viaForwarder.toString()) });
    b = await startHarness({ env: clusterEnv(url) });
    await a.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
    const created = await a.manage('POST', '/api/keys', { name: 'ops', scopes: ['manage'] });
    managementKey = created.body.key;
  });
  afterAll(async () => {
    forwarder?.restore();
    await a?.stop();
    await b?.stop();
    await forwarder?.close();
    await mock?.close();
    if (url !== undefined) await dropTestDatabase(url);
  });

  const chat = (harness: GatewayHarness, model: string, text: string) =>
    fetch(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${managementKey}` },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: text }] }),
    });
  const health = async (harness: GatewayHarness) => {
    const response = await fetch(`${harness.url}/api/monitoring/health`, {
      headers: { authorization: `Bearer ${managementKey}` },
    });
    return { status: response.status, body: await jsonOf(response) };
  };
  const countLogs = async (requestIds: string[]) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query('select count(*)::int as n from request_logs where request_id = any($1)', [
        requestIds,
      ]);
      return result.rows[0].n as number;
    } finally {
      await client.end();
    }
  };

  it('serves from memory during the outage, reports it, and writes the queued request logs on return', async () => {
    expect((await chat(a, 'openai/gpt-4.1', 'before')).status).toBe(200);
    forwarder.cut();

    const requestIds: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await chat(a, 'openai/gpt-4.1', `during the outage ${i}`);
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).choices[0].message.content).toBeTruthy();
      requestIds.push(response.headers.get('x-omniroute-request-id') ?? '');
    }
    // 503 tells a monitor something is wrong; serving goes on (above).
    const down = await health(a);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('degraded');
    expect(down.body.database).toMatchObject({ ok: false, engine: 'postgres' });
    expect(down.body.backends.storage).toEqual({ backend: 'postgres', status: 'down' });
    // The dashboard's logged-in session still opens the health page, whose sessions live in the database.
    const dashboard = await a.manage('GET', '/api/monitoring/health');
    expect(dashboard.status).toBe(503);
    expect(dashboard.body.backends.storage.status).toBe('down');
    expect(await countLogs(requestIds)).toBe(0);

    forwarder.restore();
    await eventually(async () => ((await countLogs(requestIds)) === requestIds.length ? true : undefined), 20_000);
    await eventually(async () => ((await health(a)).body.status === 'ok' ? true : undefined), 10_000);
  });

  it('hears configuration changes made by another process after the database returns', async () => {
    forwarder.cut();
    await eventually(async () => ((await health(a)).body.database.ok === false ? true : undefined));
    forwarder.restore();
    await eventually(async () => ((await health(a)).body.database.ok === true ? true : undefined), 10_000);

    const combo = await b.manage('POST', '/api/combos', { name: 'after-outage', models: ['openai/gpt-4.1'] });
    expect(combo.status).toBe(201);
    await eventually(
      async () => ((await chat(a, 'after-outage', 'edited elsewhere')).status === 200 ? true : undefined),
      20_000,
    );
  });
});
