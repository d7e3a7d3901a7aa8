import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { type MockOAuth, startMockOAuth } from '../mock-oauth/index.mjs';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

/**
 * Two gateway processes on one database, one subscription account about to expire, requests on both at once: the
 * token is refreshed exactly once (the mock rotates refresh tokens and counts a reused one), through Redis's lock
 * or, without Redis, PostgreSQL's advisory lock.
 */
const variants = [
  { name: 'Redis lock', redisUrl: testRedisUrl },
  { name: 'PostgreSQL advisory lock', redisUrl: undefined },
  // Redis configured but unreachable: the PostgreSQL lock takes over at once.
  { name: 'Redis down', redisUrl: unreachableRedisUrl },
];

describe.runIf(postgresEngine !== undefined && testRedisUrl !== undefined).each(variants)(
  'OAuth refresh across processes ($name)',
  ({ redisUrl }) => {
    let upstream: MockUpstream;
    let oauth: MockOAuth;
    let url: string;
    let a: GatewayHarness;
    let b: GatewayHarness;

    beforeAll(async () => {
      upstream = await startMockUpstream();
      oauth = await startMockOAuth({ copilotApiUrl: `${upstream.url}/v1`, resourceUrl: upstream.url });
      url = await createTestDatabase();
      const env: Record<string, string> = {
        ...oauth.env('CODEX'),
        ...clusterEnv(url, redisUrl),
      };
      a = await startHarness({ env });
      b = await startHarness({ env });
    });
    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await oauth?.close();
      await upstream?.close();
      if (url !== undefined) await dropTestDatabase(url);
    });

    const chat = (harness: GatewayHarness, content: string) =>
      fetch(`${harness.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'cx/gpt-5.1-codex', messages: [{ role: 'user', content }] }),
      });

    it('refreshes an expiring token once for both processes', async () => {
      // A 60 s access token is inside the 5 min refresh margin: the first request anywhere refreshes it.
      const tokens = oauth.issueTokens('shared@example.com', 60);
      const imported = await a.manage('POST', '/api/oauth/cx/import', {
        tokens,
        baseUrl: `${oauth.url}/backend-api/codex`,
        test: false,
      });
      expect(imported.status).toBe(201);
      await eventually(() => (b.gateway.state.snapshot.activeConnections.size > 0 ? true : undefined));

      const before = { ...oauth.stats };
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) => chat(i % 2 === 0 ? a : b, `request ${i}`).then((r) => r.status)),
      );
      expect(answers).toEqual(Array(16).fill(200));
      expect(oauth.stats.refreshCalls - before.refreshCalls).toBe(1);
      expect(oauth.stats.refreshReuse - before.refreshReuse).toBe(0);

      // Both keep working on the one rotated grant.
      expect((await chat(a, 'after, on a')).status).toBe(200);
      expect((await chat(b, 'after, on b')).status).toBe(200);
      expect(oauth.stats.refreshCalls - before.refreshCalls).toBe(1);
    });
  },
);
