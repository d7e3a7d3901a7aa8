import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countBy, keysUsed, type RoutingRig, resetRouting, runLengths, runPool, startRig } from './routing-setup.js';

let rig: RoutingRig;
const keys = ['key-a', 'key-b', 'key-c'];

beforeAll(async () => {
  rig = await startRig();
  await rig.connect('openai', keys);
});
afterAll(() => rig.stop());
beforeEach(() => rig.mock.reset());

const useStrategy = (accountStrategy: string, stickyLimit = 1) =>
  resetRouting(rig.harness, { routing: { accountStrategy, stickyLimit } });

/** Sends `count` requests (at most `concurrency` at once); returns the upstream key of each, in arrival order. */
async function distribute(count: number, concurrency = 1, content = 'hi'): Promise<string[]> {
  const from = rig.mock.requests.length;
  const statuses = await runPool(count, concurrency, async () => (await rig.chat('openai/gpt-4.1', content)).status);
  expect(statuses.every((status) => status === 200)).toBe(true);
  return keysUsed(rig.mock, from);
}

// least-used runs first: it reads served counts, which the other strategies' traffic would skew.
describe('account strategies of one provider', () => {
  it('least-used sends parallel requests to idle accounts and levels the served counts', async () => {
    await useStrategy('least-used');
    const parallel = await distribute(3, 3, 'slow [[mock:delay=300]]');
    expect(new Set(parallel)).toEqual(new Set(keys));
    const sequential = countBy(await distribute(30));
    expect(sequential).toEqual({ 'key-a': 10, 'key-b': 10, 'key-c': 10 });
    const { body } = await rig.harness.manage('GET', '/api/rate-limits');
    expect(body.accounts.map((account: any) => account.served)).toEqual([11, 11, 11]);
  });

  it('fill-first keeps to the first account', async () => {
    await useStrategy('fill-first');
    expect(countBy(await distribute(20, 5))).toEqual({ 'key-a': 20 });
  });

  it('round-robin spreads evenly, one request per account with stickyLimit 1', async () => {
    await useStrategy('round-robin');
    const used = await distribute(90);
    expect(countBy(used)).toEqual({ 'key-a': 30, 'key-b': 30, 'key-c': 30 });
    expect(runLengths(used).every((length) => length === 1)).toBe(true);
  });

  it('round-robin stays on an account for stickyLimit requests', async () => {
    await useStrategy('round-robin', 3);
    const used = await distribute(36);
    const runs = runLengths(used);
    // The first run may be the tail of the rotation left by the previous test.
    expect(runs.slice(1, -1).every((length) => length === 3)).toBe(true);
    const counts = Object.values(countBy(used));
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(3);
  });

  it('random reaches every account', async () => {
    await useStrategy('random');
    const counts = countBy(await distribute(60, 5));
    expect(Object.keys(counts).sort()).toEqual(keys);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThanOrEqual(8);
  });

  it('every strategy still falls back to another account', async () => {
    for (const strategy of ['fill-first', 'round-robin', 'least-used', 'random']) {
      await useStrategy(strategy);
      rig.mock.enqueueFault({ status: 503 });
      const from = rig.mock.requests.length;
      expect((await rig.chat('openai/gpt-4.1', strategy)).status).toBe(200);
      const used = keysUsed(rig.mock, from);
      expect(used).toHaveLength(2);
      expect(used[0]).not.toBe(used[1]);
    }
  });
});
