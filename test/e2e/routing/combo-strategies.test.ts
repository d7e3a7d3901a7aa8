import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countBy,
  createCombo,
  modelsUsed,
  type RoutingRig,
  resetRouting,
  runLengths,
  runPool,
  startRig,
} from './routing-setup.js';

let rig: RoutingRig;
const trio = ['openai/gpt-4.1', 'openai/gpt-4.1-mini', 'openai/gpt-4o'];

beforeAll(async () => {
  rig = await startRig();
  await rig.connect('openai', ['key-a']);
  for (const strategy of ['priority', 'fill-first', 'round-robin', 'random', 'least-used']) {
    await createCombo(rig.harness, { name: `trio-${strategy}`, strategy, models: trio });
  }
  await createCombo(rig.harness, {
    name: 'weighted',
    strategy: 'weighted',
    models: [
      { provider: 'openai', model: 'gpt-4.1', weight: 1 },
      { provider: 'openai', model: 'gpt-4o', weight: 3 },
    ],
  });
  // Catalog prices (input + output per million tokens): gpt-5 11.25, gpt-5-mini 2.25, gpt-5-nano 0.45.
  await createCombo(rig.harness, {
    name: 'cheapest',
    strategy: 'cost-optimized',
    models: ['openai/gpt-5', 'openai/gpt-5-mini', 'openai/gpt-5-nano'],
  });
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
});

/** Sends `count` requests to `model` (at most `concurrency` at once); returns the upstream models in arrival order. */
async function distribute(model: string, count: number, concurrency = 10): Promise<string[]> {
  const from = rig.mock.requests.length;
  const statuses = await runPool(count, concurrency, async (index) => (await rig.chat(model, `n${index}`)).status);
  expect(statuses.every((status) => status === 200)).toBe(true);
  return modelsUsed(rig.mock, from);
}

describe('combo strategies over many requests', () => {
  it('round-robin spreads evenly', async () => {
    const counts = countBy(await distribute('trio-round-robin', 120));
    expect(counts).toEqual({ 'gpt-4.1': 40, 'gpt-4.1-mini': 40, 'gpt-4o': 40 });
  });

  it('weighted follows the weights (1:3) within tolerance', async () => {
    const counts = countBy(await distribute('weighted', 200));
    expect((counts['gpt-4o'] ?? 0) / 200).toBeGreaterThan(0.65);
    expect((counts['gpt-4o'] ?? 0) / 200).toBeLessThan(0.85);
    expect((counts['gpt-4.1'] ?? 0) + (counts['gpt-4o'] ?? 0)).toBe(200);
  });

  it('random reaches every target', async () => {
    const counts = countBy(await distribute('trio-random', 60));
    expect(Object.keys(counts)).toHaveLength(3);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThanOrEqual(6);
  });

  it('least-used keeps the targets level, also under concurrency', async () => {
    const sequential = countBy(await distribute('trio-least-used', 30, 1));
    expect(Object.values(sequential)).toEqual([10, 10, 10]);
    // Ten at once: requests in flight count, so no burst lands on a single target.
    const order = await distribute('trio-least-used', 60, 10);
    const values = Object.values(countBy(order));
    expect(values).toHaveLength(3);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(3);
    expect(Math.max(...runLengths(order))).toBeLessThanOrEqual(3);
  });

  it('cost-optimized picks the cheapest priced model, then the next cheapest', async () => {
    expect(new Set(await distribute('cheapest', 20))).toEqual(new Set(['gpt-5-nano']));
    // A model-scoped failure (404) moves to the next target without parking the account.
    rig.mock.enqueueFault({ status: 404 }, { model: 'gpt-5-nano' });
    expect(await distribute('cheapest', 1)).toEqual(['gpt-5-nano', 'gpt-5-mini']);
  });

  it('priority always starts with the first target, fill-first stays where it last succeeded', async () => {
    expect(new Set(await distribute('trio-priority', 20))).toEqual(new Set(['gpt-4.1']));
    expect(new Set(await distribute('trio-fill-first', 20))).toEqual(new Set(['gpt-4.1']));

    for (const combo of ['trio-priority', 'trio-fill-first']) {
      rig.mock.enqueueFault({ status: 404 }, { model: 'gpt-4.1' });
      expect(await distribute(combo, 1)).toEqual(['gpt-4.1', 'gpt-4.1-mini']);
    }
    expect(new Set(await distribute('trio-priority', 10, 1))).toEqual(new Set(['gpt-4.1']));
    expect(new Set(await distribute('trio-fill-first', 10, 1))).toEqual(new Set(['gpt-4.1-mini']));
  });
});
