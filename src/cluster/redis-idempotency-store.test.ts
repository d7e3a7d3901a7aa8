import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/helpers/eventually.js';
import { closeRedisLinks, openRedisLinks, unreachableRedisUrl } from '../../test/helpers/redis-links.js';
import { testRedisUrl } from '../../test/helpers/test-databases.js';
import type { CachedAnswer } from '../cache/cached-answer.js';
import { type IdempotencyClaim, LocalIdempotencyStore } from '../cache/idempotency-store.js';
import { silentLogger } from '../observability/logger.js';
import { RedisIdempotencyStore } from './redis-idempotency-store.js';
import type { RedisLink } from './redis-link.js';

const answer: CachedAnswer = {
  response: { id: 'r1', model: 'm', content: [{ type: 'text', text: 'hi' }], finishReason: 'stop' },
  provider: 'openai',
  model: 'm',
  costNano: 5,
};

let links: RedisLink[] = [];
afterEach(() => closeRedisLinks(links));

/** One store per link: each stands in for a gateway process. */
async function processes(count: number, options: { maxRunMs?: number; url?: string } = {}) {
  links = await openRedisLinks(count, options.url);
  return links.map(
    (link) =>
      new RedisIdempotencyStore({
        link,
        local: new LocalIdempotencyStore(() => 60_000),
        windowMs: () => 60_000,
        logger: silentLogger(),
        maxRunMs: options.maxRunMs,
        pollMs: 50,
      }),
  );
}

function finish(claim: IdempotencyClaim | undefined, outcome: CachedAnswer | undefined): void {
  if (claim?.kind !== 'first') throw new Error(`expected a first claim, got ${claim?.kind}`);
  claim.finish(outcome);
}

function answerOf(claim: IdempotencyClaim | undefined): Promise<CachedAnswer | undefined> {
  if (claim?.kind !== 'repeat') throw new Error(`expected a repeat, got ${claim?.kind}`);
  return claim.answer;
}

describe.runIf(testRedisUrl !== undefined)('RedisIdempotencyStore (two processes on one Redis)', () => {
  it('makes a repeat on another process wait for the running first request and get its answer', async () => {
    const [a, b] = await processes(2);
    const first = await a?.claim('key');
    expect(first?.kind).toBe('first');
    // Two twins on the other process: both wait, both get the answer.
    const twins = [await b?.claim('key'), await b?.claim('key')];
    let settled = false;
    const waited = Promise.all(twins.map(answerOf)).then((answers) => {
      settled = true;
      return answers;
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(settled).toBe(false);
    finish(first, answer);
    expect(await waited).toEqual([answer, answer]);
  });

  it('replays a finished answer to a repeat on another process', async () => {
    const [a, b] = await processes(2);
    finish(await a?.claim('done'), answer);
    await eventually(async () => {
      const repeat = await b?.claim('done');
      return repeat?.kind === 'repeat' ? await repeat.answer : undefined;
    });
    expect(await answerOf(await b?.claim('done'))).toEqual(answer);
  });

  it('lets repeats run on their own when the first request fails, and the next claim runs', async () => {
    const [a, b] = await processes(2);
    const first = await a?.claim('fails');
    const waiting = answerOf(await b?.claim('fails'));
    finish(first, undefined);
    expect(await waiting).toBeUndefined();
    expect((await b?.claim('fails'))?.kind).toBe('first');
  });

  it('frees the key of a first request that never finishes (a crashed process) after its maximum run', async () => {
    const [a, b] = await processes(2, { maxRunMs: 300 });
    expect((await a?.claim('crashed'))?.kind).toBe('first');
    expect(await answerOf(await b?.claim('crashed'))).toBeUndefined();
    await eventually(async () => ((await b?.claim('crashed'))?.kind === 'first' ? true : undefined));
  });

  it('forgets every key on every process when one of them clears', async () => {
    const [a, b] = await processes(2);
    finish(await a?.claim('cleared'), answer);
    await b?.clear();
    await eventually(async () => ((await a?.claim('cleared'))?.kind === 'first' ? true : undefined));
  });

  it('decides locally, without waiting, when Redis is unreachable', async () => {
    const [alone] = await processes(1, { url: unreachableRedisUrl });
    const first = await alone?.claim('local');
    const repeat = answerOf(await alone?.claim('local'));
    finish(first, answer);
    expect(await repeat).toEqual(answer);
    await alone?.clear();
    expect((await alone?.claim('local'))?.kind).toBe('first');
  });
});
