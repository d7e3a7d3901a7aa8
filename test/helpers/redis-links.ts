import { RedisLink } from '../../src/cluster/redis-link.js';
import { silentLogger } from '../../src/observability/logger.js';
import { testRedisUrl, uniqueRedisPrefix } from './test-databases.js';

/** A Redis URL nothing listens on: a gateway given it must serve with local state, without waiting. */
export const unreachableRedisUrl = 'redis://127.0.0.1:1';

/**
 * `count` connected links to the test Redis under one fresh prefix: each stands in for one gateway process.
 * `close` them when done.
 */
export async function openRedisLinks(count: number, url = testRedisUrl ?? ''): Promise<RedisLink[]> {
  const prefix = uniqueRedisPrefix();
  const links = Array.from({ length: count }, () => new RedisLink(url, silentLogger(), prefix));
  await Promise.all(links.map((link) => link.connect()));
  return links;
}

export async function closeRedisLinks(links: readonly RedisLink[]): Promise<void> {
  await Promise.all(links.map((link) => link.close()));
}
