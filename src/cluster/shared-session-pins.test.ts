import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/helpers/eventually.js';
import { closeRedisLinks, openRedisLinks, unreachableRedisUrl } from '../../test/helpers/redis-links.js';
import { testRedisUrl } from '../../test/helpers/test-databases.js';
import { silentLogger } from '../observability/logger.js';
import { SessionPins } from '../routing/session-pins.js';
import type { RedisLink } from './redis-link.js';
import { SharedSessionPins } from './shared-session-pins.js';

let links: RedisLink[] = [];
afterEach(() => closeRedisLinks(links));

/** Each process's routing pins and their shared view. */
async function processes(count: number, url?: string) {
  links = await openRedisLinks(count, url);
  return links.map((link) => {
    const pins = new SessionPins(60_000);
    return { pins, shared: new SharedSessionPins(pins, link, silentLogger()) };
  });
}

/** What routing on `process` would read for the session after loading it, once it is `expected`. */
function seen(process: { pins: SessionPins; shared: SharedSessionPins } | undefined, expected: string | undefined) {
  return eventually(async () => {
    await process?.shared.load('conversation');
    const pinned = process?.pins.get('conversation', 'openai');
    return pinned === expected ? true : undefined;
  });
}

describe.runIf(testRedisUrl !== undefined)('session pins shared through Redis (two processes)', () => {
  it('honours on one process the account a conversation was pinned to on another', async () => {
    const [a, b] = await processes(2);
    a?.pins.pin('conversation', 'openai', 'account-2');
    await seen(b, 'account-2');
    expect(b?.pins.list()).toEqual([
      expect.objectContaining({ sessionId: 'conversation', provider: 'openai', connectionId: 'account-2' }),
    ]);
    expect(b?.pins.list()[0]?.expiresAt).toBe(a?.pins.list()[0]?.expiresAt);

    // It moved on the other process (its account failed, the next one answered): the first one follows.
    b?.pins.unpin('conversation', 'openai');
    b?.pins.pin('conversation', 'openai', 'account-1');
    await seen(a, 'account-1');
  });

  it('drops a pin everywhere once a process drops it', async () => {
    const [a, b] = await processes(2);
    a?.pins.pin('conversation', 'openai', 'account-2');
    await seen(b, 'account-2');
    a?.pins.unpin('conversation', 'openai');
    await seen(b, undefined);
  });

  it('keeps this process’s pins, without waiting, when Redis is unreachable', async () => {
    const [alone] = await processes(1, unreachableRedisUrl);
    alone?.pins.pin('conversation', 'openai', 'account-2');
    await alone?.shared.load('conversation');
    expect(alone?.pins.get('conversation', 'openai')).toBe('account-2');
  });
});
