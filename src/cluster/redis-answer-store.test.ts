import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/helpers/eventually.js';
import { closeRedisLinks, openRedisLinks, unreachableRedisUrl } from '../../test/helpers/redis-links.js';
import { sqliteEngine, testRedisUrl } from '../../test/helpers/test-databases.js';
import { type CacheSettings, defaultCacheSettings } from '../cache/cache-settings.js';
import type { CachedAnswer, CacheLookup } from '../cache/cached-answer.js';
import { ExactCacheTier } from '../cache/exact-cache-tier.js';
import { silentLogger } from '../observability/logger.js';
import { ResponseCacheRepository } from '../storage/repositories/response-cache-repository.js';
import { RedisAnswerStore } from './redis-answer-store.js';
import type { RedisLink } from './redis-link.js';

const answer: CachedAnswer = {
  response: { id: 'r1', model: 'm', content: [{ type: 'text', text: 'cached' }], finishReason: 'stop' },
  provider: 'openai',
  model: 'm',
  costNano: 5,
};
const request = (key: string): CacheLookup => ({ key, space: 'anonymous' });

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/**
 * One exact tier per link, each on a database of its own: what one process stores can only reach the other
 * through Redis.
 */
async function processes(count: number, options: { settings?: Partial<CacheSettings>; url?: string } = {}) {
  const links: RedisLink[] = await openRedisLinks(count, options.url);
  cleanup.push(() => closeRedisLinks(links));
  const settings = { ...defaultCacheSettings, ...options.settings };
  return Promise.all(
    links.map(async (link) => {
      const { storage, dispose } = await sqliteEngine.open();
      const shared = new RedisAnswerStore(link, silentLogger());
      const tier = new ExactCacheTier({
        repository: new ResponseCacheRepository(storage.db),
        settings: () => settings,
        logger: silentLogger(),
        shared,
      });
      cleanup.push(async () => {
        await tier.close();
        await dispose();
      });
      return { tier, shared };
    }),
  );
}

describe.runIf(testRedisUrl !== undefined)('the response cache’s shared tier in Redis (two processes)', () => {
  it('serves an answer stored by one process from the other at once, and reports the shared entries', async () => {
    const [a, b] = await processes(2);
    a?.tier.store(request('k1'), answer);
    expect(await eventually(() => b?.tier.lookup(request('k1')))).toEqual(answer);
    expect(await b?.shared.stats()).toEqual({ backend: 'redis', status: 'up', entries: 1, entriesCapped: false });
  });

  it('forgets the answer everywhere once one process clears the cache, promoted copies included', async () => {
    const [a, b] = await processes(2);
    a?.tier.store(request('k2'), answer);
    await eventually(() => b?.tier.lookup(request('k2')));
    await a?.tier.clear();
    await eventually(async () => ((await b?.tier.lookup(request('k2'))) === undefined ? true : undefined));
    expect(await a?.tier.lookup(request('k2'))).toBeUndefined();
    expect((await b?.shared.stats())?.entries).toBe(0);
  });

  it('keeps the TTL: neither the shared entry nor a copy promoted to another process outlives it', async () => {
    const [a, b] = await processes(2, { settings: { ttlSeconds: 1, persist: false } });
    a?.tier.store(request('k3'), answer);
    await eventually(() => b?.tier.lookup(request('k3')));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await b?.tier.lookup(request('k3'))).toBeUndefined();
    expect(await a?.shared.get('k3')).toBeUndefined();
  });

  it('serves from this process alone, without waiting, when Redis is unreachable', async () => {
    const [alone] = await processes(1, { url: unreachableRedisUrl, settings: { persist: false } });
    alone?.tier.store(request('k4'), answer);
    expect(await alone?.tier.lookup(request('k4'))).toEqual(answer);
    expect(await alone?.shared.get('k4')).toBeUndefined();
    expect((await alone?.shared.stats())?.entries).toBeUndefined();
    await alone?.tier.clear();
    expect(await alone?.tier.lookup(request('k4'))).toBeUndefined();
  });
});
