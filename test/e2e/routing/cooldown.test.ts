import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCombo,
  keysUsed,
  patchResilience,
  type RoutingRig,
  resetRouting,
  routeOf,
  sleep,
  startRig,
} from './routing-setup.js';

let rig: RoutingRig;
let accounts: any[];

beforeAll(async () => {
  rig = await startRig();
  accounts = await rig.connect('openai', ['key-a', 'key-b']);
  // A combo pinned to account A: a request that can only use that one account.
  await createCombo(rig.harness, {
    name: 'only-a',
    models: [{ provider: 'openai', model: 'gpt-4.1', connectionId: accounts[0].id }],
  });
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
});

async function cooldownOf(connectionId: string): Promise<any> {
  const { body } = await rig.harness.manage('GET', '/api/rate-limits');
  return body.accounts.find((account: any) => account.connectionId === connectionId)?.cooldown;
}

async function resilienceCooldowns(): Promise<any[]> {
  return (await rig.harness.manage('GET', '/api/resilience')).body.state.cooldowns;
}

describe('cooldowns', () => {
  it('skip an account until its Retry-After has passed, then use it again', async () => {
    rig.mock.enqueueFault({ retryAfter: 2 });
    const first = await rig.chat('openai/gpt-4.1', 'one');
    expect(first.status).toBe(200);
    expect(keysUsed(rig.mock)).toEqual(['key-a', 'key-b']);

    const cooldown = await cooldownOf(accounts[0].id);
    expect(cooldown).toMatchObject({ reason: 'rate_limited', retryAfter: true, level: 1 });
    expect(cooldown.until - Date.now()).toBeGreaterThan(0);
    expect(cooldown.until - Date.now()).toBeLessThanOrEqual(2000);
    expect(await resilienceCooldowns()).toEqual([expect.objectContaining({ connectionId: accounts[0].id })]);
    expect(await cooldownOf(accounts[1].id)).toBeNull();

    const during = rig.mock.requests.length;
    expect((await rig.chat('openai/gpt-4.1', 'two')).status).toBe(200);
    expect(keysUsed(rig.mock, during)).toEqual(['key-b']);

    await sleep(cooldown.until - Date.now() + 50);
    const after = rig.mock.requests.length;
    expect((await rig.chat('openai/gpt-4.1', 'three')).status).toBe(200);
    expect(keysUsed(rig.mock, after)).toEqual(['key-a']);
    expect(await resilienceCooldowns()).toEqual([]);
  });

  it('read the rate-limit reset headers of a 429 that has no Retry-After', async () => {
    rig.mock.enqueueFault({
      status: 429,
      headers: {
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '3s',
        'x-ratelimit-remaining-tokens': '90000',
        'x-ratelimit-reset-tokens': '6m0s',
      },
    });
    const limited = await rig.chat('only-a', 'limited');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    const cooldown = await cooldownOf(accounts[0].id);
    expect(cooldown).toMatchObject({ reason: 'rate_limited', retryAfter: true });
    expect(cooldown.until - Date.now()).toBeGreaterThan(1000);
    expect(cooldown.until - Date.now()).toBeLessThanOrEqual(3000);
  });

  it('tell the client when its only account cools down, without calling upstream', async () => {
    await patchResilience(rig.harness, { shortWaitMaxMs: 0 });
    rig.mock.enqueueFault({ retryAfter: 2 });
    const limited = await rig.chat('only-a', 'one');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');

    const refused = await rig.chat('only-a', 'two');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.error.message).toContain('cooling down');
    expect(routeOf(refused.headers)).toMatchObject({ strategy: 'priority', combo: 'only-a', attempts: '0' });
    expect(rig.mock.requests).toHaveLength(1);
  });

  it('wait briefly for an account back within shortWaitMaxMs, and a success clears the level', async () => {
    rig.mock.enqueueFault({ retryAfter: 1 });
    expect((await rig.chat('only-a', 'one')).status).toBe(429);
    const started = Date.now();
    const waited = await rig.chat('only-a', 'two');
    expect(waited.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(keysUsed(rig.mock)).toEqual(['key-a', 'key-a']);
    expect(await resilienceCooldowns()).toEqual([]);

    // Had the success not cleared it, this failure would back off from level 2.
    rig.mock.enqueueFault({ status: 500 });
    expect((await rig.chat('only-a', 'three')).status).toBe(500);
    expect(await resilienceCooldowns()).toEqual([
      expect.objectContaining({ connectionId: accounts[0].id, level: 1, reason: 'server_error', retryAfter: false }),
    ]);
  });

  it('are cleared by POST /api/resilience/reset (one account or all)', async () => {
    await patchResilience(rig.harness, { shortWaitMaxMs: 0 });
    rig.mock.enqueueFault({ retryAfter: 30 });
    rig.mock.enqueueFault({ retryAfter: 30 });
    expect((await rig.chat('openai/gpt-4.1', 'both fail')).status).toBe(429);
    expect(await resilienceCooldowns()).toHaveLength(2);

    const one = await rig.harness.manage('POST', '/api/resilience/reset', { connectionId: accounts[0].id });
    expect(one.body.state.cooldowns).toEqual([expect.objectContaining({ connectionId: accounts[1].id })]);
    const from = rig.mock.requests.length;
    expect((await rig.chat('only-a', 'back')).status).toBe(200);
    expect(keysUsed(rig.mock, from)).toEqual(['key-a']);

    const all = await rig.harness.manage('POST', '/api/resilience/reset', {});
    expect(all.body.state.cooldowns).toEqual([]);
    expect(await cooldownOf(accounts[1].id)).toBeNull();
  });
});
