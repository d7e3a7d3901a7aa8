import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countBy,
  createCombo,
  modelsUsed,
  type RoutingRig,
  resetRouting,
  routeOf,
  runPool,
  startRig,
} from './routing-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startRig();
  await rig.connect('openai', ['key-a']);
  await rig.connect('openrouter', ['key-or']);
  await createCombo(rig.harness, { name: 'resilient', models: ['openai/gpt-4.1', 'openrouter/openai/gpt-4o-mini'] });
  // Short cooldowns keep the flaky first target in play (the default 1 s would park it after each failure).
  await resetRouting(rig.harness, { cooldown: { baseMs: 20, maxMs: 100 } });
});
afterAll(() => rig.stop());

describe('load through a combo with a flaky first target', () => {
  it('answers ~300 requests at concurrency 20 without a single failure', { timeout: 60_000 }, async () => {
    const total = 300;
    let armed = 0;
    const answers = await runPool(total, 20, async (index) => {
      // One 500 for every fifth call that reaches the first target, armed as those calls arrive.
      const calls = modelsUsed(rig.mock).filter((model) => model === 'gpt-4.1').length;
      while (armed < Math.floor(calls / 5) + 1) {
        rig.mock.enqueueFault({ status: 500 }, { model: 'gpt-4.1' });
        armed += 1;
      }
      const answer = await rig.chat('resilient', `load ${index}`);
      return { status: answer.status, provider: routeOf(answer.headers).provider };
    });

    const failed = answers.filter((answer) => answer.status !== 200);
    expect(failed).toEqual([]);
    const servedBy = countBy(answers.map((answer) => answer.provider ?? 'none'));
    expect((servedBy.openai ?? 0) + (servedBy.openrouter ?? 0)).toBe(total);
    expect(servedBy.openai).toBeGreaterThan(total / 2);
    expect(servedBy.openrouter).toBeGreaterThan(0);

    // The first target did fail about one call in five: its calls minus its successes.
    const firstTargetCalls = modelsUsed(rig.mock).filter((model) => model === 'gpt-4.1').length;
    const firstTargetFailures = firstTargetCalls - (servedBy.openai ?? 0);
    expect(firstTargetFailures).toBeGreaterThanOrEqual(40);
    expect(firstTargetFailures / firstTargetCalls).toBeGreaterThan(0.12);
  });
});
