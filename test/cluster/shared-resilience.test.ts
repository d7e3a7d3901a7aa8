import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { type GatewayHarness, startHarness } from '../helpers/gateway-harness.js';
import {
  clusterEnv,
  createTestDatabase,
  dropTestDatabase,
  postgresEngine,
  testRedisUrl,
} from '../helpers/test-databases.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

/** Two gateways on one PostgreSQL database and one Redis: a cooldown one of them sets holds on the other. */
describe.runIf(postgresEngine !== undefined && testRedisUrl !== undefined)('runtime state shared through Redis', () => {
  let mock: MockUpstream;
  let url: string;
  let redisUrl: string;
  let a: GatewayHarness;
  let b: GatewayHarness;

  beforeAll(async () => {
    mock = await startMockUpstream();
    url = await createTestDatabase();
    redisUrl = testRedisUrl ?? '';
    const env = clusterEnv(url, redisUrl);
    a = await startHarness({ env });
    b = await startHarness({ env });
    await a.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await mock?.close();
    if (url !== undefined) await dropTestDatabase(url);
  });

  const chat = (harness: GatewayHarness, text: string) =>
    fetch(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: text }] }),
    });

  it('reports Redis as the shared-state backend in health', async () => {
    const health = await a.manage('GET', '/api/monitoring/health');
    expect(health.body.status).toBe('ok');
    expect(health.body.sharedState).toMatchObject({ backend: 'redis', status: 'up' });
  });

  it('parks an account on every process when one of them sees its 429', async () => {
    await eventually(async () => ((await chat(b, 'warm up')).status === 200 ? true : undefined));
    const limited = await chat(a, 'hit the limit [[mock:status=429]] [[mock:retry-after=60]]');
    expect(limited.status).toBe(429);
    const cooling = await eventually(async () => {
      const { body } = await b.manage('GET', '/api/resilience');
      return body.state.cooldowns.length > 0 ? body.state.cooldowns : undefined;
    });
    expect(cooling[0]).toMatchObject({ reason: 'rate_limited' });
    const before = mock.requests.length;
    const refused = await chat(b, 'should not reach the upstream');
    expect(refused.status).toBe(429);
    expect(mock.requests.length).toBe(before);

    // A reset on one process clears it everywhere.
    expect((await b.manage('POST', '/api/resilience/reset', {})).status).toBe(200);
    await eventually(async () => ((await chat(a, 'after the reset')).status === 200 ? true : undefined));
  });

  it('keeps serving with local state when Redis is unreachable, and says so', async () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:1/0' };
    const alone = await startHarness({ env });
    try {
      await alone.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
      expect((await chat(alone, 'no redis')).status).toBe(200);
      const health = await alone.manage('GET', '/api/monitoring/health');
      expect(health.body.status).toBe('degraded');
      expect(health.body.sharedState).toMatchObject({ backend: 'redis', status: 'down' });
    } finally {
      await alone.stop();
    }
  });
});
