import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { type GatewayHarness, startHarness } from '../helpers/gateway-harness.js';
import { startTcpForwarder, type TcpForwarder } from '../helpers/tcp-forwarder.js';
import {
  clusterEnv,
  createTestDatabase,
  dropTestDatabase,
  postgresEngine,
  testRedisUrl,
} from '../helpers/test-databases.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

const sharedConcerns = ['rateLimits', 'budgets', 'cooldowns', 'sessionPins', 'idempotency', 'responseCache'];

/** `backends` in `GET /api/monitoring/health` on PostgreSQL and Redis, while Redis goes away and comes back. */
describe.runIf(postgresEngine !== undefined && testRedisUrl !== undefined)('health: backend of each concern', () => {
  let mock: MockUpstream;
  let url: string;
  let forwarder: TcpForwarder;
  let gateway: GatewayHarness;

  beforeAll(async () => {
    mock = await startMockUpstream();
    url = await createTestDatabase();
    const redis = new URL(testRedisUrl ?? '');
    forwarder = await startTcpForwarder({ host: redis.hostname, port: Number(redis.port || 6379) });
    redis.hostname = '127.0.0.1';
    redis.port = String(forwarder.port);
    gateway = await startHarness({
      env: clusterEnv(url, redis.toString()),
    });
    await gateway.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
  });
  afterAll(async () => {
    forwarder?.restore();
    await gateway?.stop();
    await forwarder?.close();
    await mock?.close();
    if (url !== undefined) await dropTestDatabase(url);
  });

  const backends = async () => (await gateway.manage('GET', '/api/monitoring/health')).body;
  const chat = (text: string) =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: text }] }),
    });

  it('reports PostgreSQL and Redis, both up', async () => {
    const health = await backends();
    expect(health.status).toBe('ok');
    expect(health.backends.storage).toEqual({ backend: 'postgres', status: 'up' });
    for (const concern of sharedConcerns) {
      expect(health.backends[concern], concern).toEqual({ backend: 'redis', status: 'up', serving: 'redis' });
    }
  });

  it('says Redis is down and local state serves meanwhile, then that it is back', async () => {
    forwarder.cut();
    const down = await eventually(async () => {
      const health = await backends();
      return health.backends.cooldowns.status === 'down' ? health : undefined;
    });
    expect(down.status).toBe('degraded');
    expect(down.sharedState).toMatchObject({ backend: 'redis', status: 'down' });
    expect(down.backends.storage).toEqual({ backend: 'postgres', status: 'up' });
    for (const concern of sharedConcerns) {
      expect(down.backends[concern], concern).toEqual({ backend: 'redis', status: 'down', serving: 'local' });
    }
    expect((await chat('served while Redis is away')).status).toBe(200);

    forwarder.restore();
    const back = await eventually(async () => {
      const health = await backends();
      return health.backends.cooldowns.status === 'up' ? health : undefined;
    }, 20_000);
    expect(back.status).toBe('ok');
    expect(back.backends.responseCache).toEqual({ backend: 'redis', status: 'up', serving: 'redis' });
  });
});
