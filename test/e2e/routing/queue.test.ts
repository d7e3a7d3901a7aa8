import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCombo, keysUsed, type RoutingRig, resetRouting, startRig, waitFor } from './routing-setup.js';

let rig: RoutingRig;
let accounts: any[];

beforeAll(async () => {
  rig = await startRig();
  accounts = await rig.connect('openai', ['key-a', 'key-b']);
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

async function depthOf(connectionId: string): Promise<{ active: number; queued: number }> {
  const { body } = await rig.harness.manage('GET', '/api/rate-limits');
  const account = body.accounts.find((entry: any) => entry.connectionId === connectionId);
  return { active: account.active, queued: account.queued };
}

const depthIs = (active: number, queued: number) => async () => {
  const depth = await depthOf(accounts[0].id);
  return depth.active === active && depth.queued === queued;
};

describe('the per-account queue', () => {
  it('never lets the upstream see two requests of one account at once', async () => {
    await resetRouting(rig.harness, { queue: { maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 10_000 } });
    // The first answer is slow enough for the other three to queue up behind it.
    const delays = [1000, 150, 150, 150];
    const answers = [rig.chat('only-a', `slow 0 [[mock:delay=${delays[0]}]]`)];
    await waitFor(depthIs(1, 0), 'the first request to run');
    for (let index = 1; index < delays.length; index += 1) {
      answers.push(rig.chat('only-a', `slow ${index} [[mock:delay=${delays[index]}]]`));
    }
    await waitFor(depthIs(1, 3), 'three queued requests');
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([200, 200, 200, 200]);

    const calls = rig.mock.requests
      .map((request) => ({
        start: request.receivedAt,
        delay: Number(/delay=(\d+)/.exec(JSON.stringify(request.body))?.[1]),
      }))
      .sort((a, b) => a.start - b.start);
    expect(calls).toHaveLength(4);
    // Each call reached the mock only after the previous one's delayed answer was over.
    for (let index = 1; index < calls.length; index += 1) {
      const previous = calls[index - 1] as { start: number; delay: number };
      expect((calls[index] as { start: number }).start).toBeGreaterThanOrEqual(previous.start + previous.delay - 5);
    }
    expect(await depthOf(accounts[0].id)).toEqual({ active: 0, queued: 0 });
  });

  it('answers 429 with Retry-After when the queue is full, and 503 when the wait times out', async () => {
    await resetRouting(rig.harness, { queue: { maxConcurrent: 1, maxQueue: 1, queueTimeoutMs: 1000 } });
    const running = rig.chat('only-a', 'running [[mock:delay=2500]]');
    await waitFor(depthIs(1, 0), 'the running request');
    const waiting = rig.chat('only-a', 'waiting');
    await waitFor(depthIs(1, 1), 'the waiting request');
    const overflow = await rig.chat('only-a', 'overflow');
    expect(overflow.status).toBe(429);
    expect(overflow.headers.get('retry-after')).toBe('1');
    expect(overflow.body.error.message).toContain('queue full');

    const timedOut = await waiting;
    expect(timedOut.status).toBe(503);
    expect(Number(timedOut.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(timedOut.body.error.message).toContain('queue timeout');
    expect((await running).status).toBe(200);
    // Only the running request reached the upstream.
    expect(rig.mock.requests).toHaveLength(1);
    // Neither refusal blames the account.
    expect((await rig.harness.manage('GET', '/api/resilience')).body.state.cooldowns).toEqual([]);
  });

  it('sends a request to the next account when the first has no room', async () => {
    await resetRouting(rig.harness, { queue: { maxConcurrent: 1, maxQueue: 0, queueTimeoutMs: 300 } });
    const running = rig.chat('only-a', 'running [[mock:delay=1500]]');
    await waitFor(depthIs(1, 0), 'the running request');
    const spilled = await rig.chat('openai/gpt-4.1', 'spills over');
    expect(spilled.status).toBe(200);
    expect((await running).status).toBe(200);
    expect(keysUsed(rig.mock)).toEqual(['key-a', 'key-b']);
  });
});
