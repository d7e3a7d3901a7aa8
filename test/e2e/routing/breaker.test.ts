import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RoutingRig, resetRouting, routeOf, sleep, startRig, waitFor } from './routing-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startRig();
  await rig.connect('openai', ['key-a']);
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  // A 1 ms account cooldown keeps the account itself in play: the breaker is what is under test.
  await resetRouting(rig.harness, {
    breaker: { failureThreshold: 2, resetMs: 500 },
    cooldown: { baseMs: 1, maxMs: 1 },
  });
});

async function breakers(): Promise<any[]> {
  return (await rig.harness.manage('GET', '/api/resilience')).body.state.breakers;
}

describe('the provider circuit breaker', () => {
  it('opens after two 500s, refuses without calling upstream, probes once after resetMs, closes on success', async () => {
    rig.mock.enqueueFault({ status: 500 });
    expect((await rig.chat('openai/gpt-4.1', 'one')).status).toBe(500);
    expect(await breakers()).toEqual([expect.objectContaining({ provider: 'openai', state: 'closed', failures: 1 })]);
    rig.mock.enqueueFault({ status: 500 });
    expect((await rig.chat('openai/gpt-4.1', 'two')).status).toBe(500);
    const [open] = await breakers();
    expect(open).toMatchObject({ provider: 'openai', state: 'open', failures: 2 });
    expect(open.nextProbeAt - open.openedAt).toBe(500);

    const refused = await rig.chat('openai/gpt-4.1', 'three');
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.error.message).toMatch(/openai circuit breaker is open/);
    expect(routeOf(refused.headers)).toMatchObject({ strategy: 'single', attempts: '0' });
    expect(rig.mock.requests).toHaveLength(2);

    await sleep(open.nextProbeAt - Date.now() + 30);
    const probe = rig.chat('openai/gpt-4.1', 'probe [[mock:delay=1500]]');
    // While the probe is out, the breaker is half open and lets nothing else through.
    await waitFor(async () => (await breakers())[0]?.state === 'half_open', 'the probe');
    const during = await rig.chat('openai/gpt-4.1', 'during the probe');
    expect(during.status).toBe(503);
    expect((await probe).status).toBe(200);
    expect(rig.mock.requests).toHaveLength(3);

    expect(await breakers()).toEqual([]);
    expect((await rig.chat('openai/gpt-4.1', 'closed again')).status).toBe(200);
  });

  it('opens again when the probe fails', async () => {
    for (let index = 0; index < 2; index += 1) {
      rig.mock.enqueueFault({ status: 503 });
      await rig.chat('openai/gpt-4.1', 'fail');
    }
    const [first] = await breakers();
    await sleep(first.nextProbeAt - Date.now() + 30);
    rig.mock.enqueueFault({ status: 502 });
    expect((await rig.chat('openai/gpt-4.1', 'probe')).status).toBe(502);
    const [reopened] = await breakers();
    expect(reopened).toMatchObject({ state: 'open', failures: 3 });
    expect(reopened.openedAt).toBeGreaterThan(first.openedAt);
    expect((await rig.chat('openai/gpt-4.1', 'refused')).status).toBe(503);
  });

  it('is never tripped by 401 or 429', async () => {
    for (const status of [401, 401, 429, 429, 401]) {
      rig.mock.enqueueFault({ status });
      expect((await rig.chat('openai/gpt-4.1', `status ${status}`)).status).toBe(status);
    }
    expect(rig.mock.requests).toHaveLength(5);
    expect(await breakers()).toEqual([]);
    expect((await rig.chat('openai/gpt-4.1', 'still closed')).status).toBe(200);
  });

  it('is closed by POST /api/resilience/reset {provider}', async () => {
    for (let index = 0; index < 2; index += 1) {
      rig.mock.enqueueFault({ status: 500 });
      await rig.chat('openai/gpt-4.1', 'fail');
    }
    expect(await breakers()).toEqual([expect.objectContaining({ state: 'open' })]);
    const reset = await rig.harness.manage('POST', '/api/resilience/reset', { provider: 'openai' });
    expect(reset.body.state.breakers).toEqual([]);
    expect((await rig.chat('openai/gpt-4.1', 'after reset')).status).toBe(200);
  });
});
