import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { closeRedisLinks, openRedisLinks, unreachableRedisUrl } from '../../test/helpers/redis-links.js';
import { testRedisUrl } from '../../test/helpers/test-databases.js';
import type { RefreshLock } from '../oauth/refresh-lock.js';
import type { RedisLink } from './redis-link.js';
import { RedisRefreshLock } from './redis-refresh-lock.js';

let links: RedisLink[] = [];
afterEach(() => closeRedisLinks(links));

/** Records who is inside the lock, so a test can show two holders never overlap. */
function tracker() {
  const inside = new Set<string>();
  const overlaps: string[][] = [];
  const hold = (name: string, ms: number) => async () => {
    if (inside.size > 0) overlaps.push([...inside, name]);
    inside.add(name);
    await sleep(ms);
    inside.delete(name);
    return name;
  };
  return { hold, overlaps };
}

const noFallback: RefreshLock = {
  run: () => Promise.reject(new Error('the fallback must not run while Redis is up')),
};

describe.runIf(testRedisUrl !== undefined)('RedisRefreshLock', () => {
  it('lets one process at a time refresh a connection; others wait their turn', async () => {
    links = await openRedisLinks(3);
    const locks = links.map((link) => new RedisRefreshLock({ link, fallback: noFallback }));
    const { hold, overlaps } = tracker();
    const done = await Promise.all(locks.map((lock, index) => lock.run('connection-1', hold(`p${index}`, 60))));
    expect(done.sort()).toEqual(['p0', 'p1', 'p2']);
    expect(overlaps).toEqual([]);
  });

  it('a holder whose lock expired does not release the next holder’s lock', async () => {
    links = await openRedisLinks(3);
    // Only the first holds its lock briefly; the others keep theirs for the default minute.
    const [first, second, third] = links.map(
      (link, index) => new RedisRefreshLock({ link, fallback: noFallback, holdMs: index === 0 ? 150 : undefined }),
    );
    const { hold, overlaps } = tracker();
    // The first outlives its 150 ms lock: the second gets in meanwhile (that overlap is the expiry working).
    const slow = first?.run('connection-2', hold('first', 600));
    await sleep(300);
    const next = second?.run('connection-2', hold('second', 900));
    await slow;
    // The first's release must have left the second's lock alone: the third waits for the second to finish.
    await third?.run('connection-2', hold('third', 10));
    await next;
    expect(overlaps.filter((names) => names.includes('third'))).toEqual([]);
  });

  it('uses the fallback at once while Redis cannot be reached', async () => {
    links = await openRedisLinks(1, unreachableRedisUrl);
    const [link] = links;
    if (link === undefined) throw new Error('no link');
    let fellBack = false;
    const fallback: RefreshLock = {
      run: (_connectionId, work) => {
        fellBack = true;
        return work();
      },
    };
    const lock = new RedisRefreshLock({ link, fallback });
    expect(await lock.run('connection-3', async () => 'refreshed')).toBe('refreshed');
    expect(fellBack).toBe(true);
  });
});
