import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysUsed } from '../e2e/routing/routing-setup.js';
import { eventually } from '../helpers/eventually.js';
import { type GatewayHarness, startHarness } from '../helpers/gateway-harness.js';
import { unreachableRedisUrl } from '../helpers/redis-links.js';
import {
  clusterEnv,
  createTestDatabase,
  dropTestDatabase,
  postgresEngine,
  testRedisUrl,
} from '../helpers/test-databases.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

/**
 * Two gateways on one PostgreSQL database and one Redis: the response cache, idempotency and session pins of one
 * hold on the other.
 */
describe.runIf(postgresEngine !== undefined && testRedisUrl !== undefined)(
  'answers and pins shared through Redis',
  () => {
    let mock: MockUpstream;
    let url: string;
    let a: GatewayHarness;
    let b: GatewayHarness;

    beforeAll(async () => {
      mock = await startMockUpstream();
      url = await createTestDatabase();
      const env = clusterEnv(url, testRedisUrl);
      a = await startHarness({ env });
      b = await startHarness({ env });
      await a.connect({ provider: 'openai', name: 'openai-key-a', apiKey: 'key-a', baseUrl: `${mock.url}/v1` });
      await a.connect({ provider: 'openai', name: 'openai-key-b', apiKey: 'key-b', baseUrl: `${mock.url}/v1` });
      await eventually(async () => ((await chat(b, 'warm up')).status === 200 ? true : undefined));
    });
    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await mock?.close();
      if (url !== undefined) await dropTestDatabase(url);
    });

    const chat = (
      harness: GatewayHarness,
      text: string,
      options: { headers?: Record<string, string>; temperature?: number } = {},
    ) =>
      fetch(`${harness.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify({
          model: 'openai/gpt-4.1',
          temperature: options.temperature ?? 0.7,
          messages: [{ role: 'user', content: text }],
        }),
      });
    /** Upstream calls whose prompt contains `text`. */
    const callsFor = (text: string) =>
      mock.requests.filter((request) => JSON.stringify(request.body).includes(text)).length;

    it('serves an answer cached by one process from the other, and reports the shared tier', async () => {
      const stored = await chat(a, 'Cache me across processes', { temperature: 0 });
      expect(stored.headers.get('x-omniroute-cache')).toBe('MISS');
      const served = await chat(b, 'Cache me across processes', { temperature: 0 });
      expect(served.headers.get('x-omniroute-cache')).toBe('HIT');
      const completion = (await served.json()) as { choices: Array<{ message: { content: string } }> };
      expect(completion.choices[0]?.message.content).toContain('Cache me across processes');
      expect(callsFor('Cache me across processes')).toBe(1);
      const stats = await b.manage('GET', '/api/cache');
      expect(stats.body.sharedTier).toMatchObject({ backend: 'redis', status: 'up' });
      expect(stats.body.idempotency).toMatchObject({ backend: 'redis' });
    });

    it('answers an idempotent retry landing on the other process with the first answer, one upstream call', async () => {
      const headers = { 'idempotency-key': 'retry-across-processes' };
      const first = chat(a, 'Run once [[mock:delay=500]]', { headers });
      await eventually(() => (callsFor('Run once') === 1 ? true : undefined));
      const retry = await chat(b, 'Run once [[mock:delay=500]]', { headers });
      const original = (await (await first).json()) as { id: string };
      expect(retry.headers.get('x-omniroute-idempotent')).toBe('true');
      expect(((await retry.json()) as { id: string }).id).toBe(original.id);
      expect(callsFor('Run once')).toBe(1);
    });

    it('lets a retry on the other process run on its own when the first request fails', async () => {
      const headers = { 'idempotency-key': 'failing-across-processes' };
      mock.enqueueFault({ status: 400, delayMs: 300 }, { path: '/v1/chat/completions' });
      const first = chat(a, 'Fails first', { headers });
      await eventually(() => (callsFor('Fails first') === 1 ? true : undefined));
      const retry = await chat(b, 'Fails first', { headers });
      expect((await first).status).toBe(400);
      expect(retry.status).toBe(200);
      expect(retry.headers.get('x-omniroute-idempotent')).toBeNull();
      expect(callsFor('Fails first')).toBe(2);
    });

    it('keeps a conversation on the account it was pinned to on the other process', async () => {
      for (const harness of [a, b]) {
        const patched = await harness.manage('PATCH', '/api/resilience', {
          routing: { accountStrategy: 'round-robin', stickyLimit: 1 },
        });
        expect(patched.status).toBe(200);
      }
      let from = mock.requests.length;
      expect((await chat(a, 'turn 1', { headers: { 'x-session-id': 'shared-conversation' } })).status).toBe(200);
      const [pinned] = keysUsed(mock, from);
      // Turn B's rotation so that, left to itself, its next request would go to the other account.
      for (let turn = 0; turn < 3; turn += 1) {
        from = mock.requests.length;
        await chat(b, 'other traffic');
        if (keysUsed(mock, from)[0] === pinned) break;
      }
      from = mock.requests.length;
      expect((await chat(b, 'turn 2', { headers: { 'x-session-id': 'shared-conversation' } })).status).toBe(200);
      expect(keysUsed(mock, from)).toEqual([pinned]);
    });

    it('caches, deduplicates and pins within one process when Redis is unreachable', async () => {
      const alone = await startHarness({ env: { REDIS_URL: unreachableRedisUrl } });
      try {
        await alone.connect({ provider: 'openai', apiKey: 'key-a', baseUrl: `${mock.url}/v1` });
        const headers = { 'idempotency-key': 'without-redis', 'x-session-id': 'without-redis' };
        const twins = await Promise.all([1, 2].map(() => chat(alone, 'Alone [[mock:delay=200]]', { headers })));
        expect(twins.map((answer) => answer.status)).toEqual([200, 200]);
        expect(twins.filter((answer) => answer.headers.get('x-omniroute-idempotent') === 'true')).toHaveLength(1);
        expect(callsFor('Alone')).toBe(1);
        await chat(alone, 'Alone cached', { temperature: 0 });
        expect((await chat(alone, 'Alone cached', { temperature: 0 })).headers.get('x-omniroute-cache')).toBe('HIT');
        expect(callsFor('Alone cached')).toBe(1);
        const stats = await alone.manage('GET', '/api/cache');
        expect(stats.body.sharedTier).toEqual({ backend: 'redis', status: 'down' });
      } finally {
        await alone.stop();
      }
    });
  },
);
