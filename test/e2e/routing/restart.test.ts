import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysUsed, patchResilience, type RoutingRig, startRig } from './routing-setup.js';

let rig: RoutingRig;
let claude: any;

beforeAll(async () => {
  rig = await startRig();
  await rig.connect('openai', ['key-a']);
  [claude] = await rig.connect('anthropic', ['key-claude']);
});
afterAll(() => rig.stop());

async function resilienceState(): Promise<any> {
  return (await rig.harness.manage('GET', '/api/resilience')).body;
}

describe('resilience state across a restart', () => {
  it('keeps settings, an open breaker and a cooldown, and honours them', async () => {
    // Backoff cooldowns of 1 ms let the second 500 reach the upstream; Retry-After still sets its own length.
    await patchResilience(rig.harness, {
      breaker: { failureThreshold: 2, resetMs: 60_000 },
      cooldown: { baseMs: 1, maxMs: 1 },
      shortWaitMaxMs: 0,
    });
    for (let index = 0; index < 2; index += 1) {
      rig.mock.enqueueFault({ status: 500 }, { model: 'gpt-4.1' });
      expect((await rig.chat('openai/gpt-4.1', 'fail')).status).toBe(500);
    }
    rig.mock.enqueueFault({ retryAfter: 30 }, { model: 'claude-haiku-4-5' });
    expect((await rig.chat('anthropic/claude-haiku-4-5', 'limited')).status).toBe(429);

    const before = await resilienceState();
    const breaker = before.state.breakers.find((entry: any) => entry.provider === 'openai');
    const cooldown = before.state.cooldowns.find((entry: any) => entry.connectionId === claude.id);
    expect(breaker).toMatchObject({ state: 'open', failures: 2 });
    expect(cooldown).toMatchObject({ reason: 'rate_limited', retryAfter: true });

    await rig.restart();
    const after = await resilienceState();
    expect(after.settings).toMatchObject({ breaker: { failureThreshold: 2, resetMs: 60_000 }, shortWaitMaxMs: 0 });
    expect(after.state.breakers).toContainEqual(
      expect.objectContaining({ provider: 'openai', state: 'open', openedAt: breaker.openedAt }),
    );
    expect(after.state.cooldowns).toContainEqual(
      expect.objectContaining({ connectionId: claude.id, until: cooldown.until }),
    );
    const { body } = await rig.harness.manage('GET', '/api/rate-limits');
    expect(body.accounts.find((account: any) => account.connectionId === claude.id).cooldown).not.toBeNull();

    const sent = rig.mock.requests.length;
    const refused = await rig.chat('openai/gpt-4.1', 'after restart');
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toContain('circuit breaker');
    const cooling = await rig.chat('anthropic/claude-haiku-4-5', 'after restart');
    expect(cooling.status).toBe(429);
    expect(Number(cooling.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(rig.mock.requests).toHaveLength(sent);
  });

  it('remembers that a probe closed the breaker', async () => {
    // A shorter reset time lets the probe go now (the open breaker keeps its openedAt).
    await patchResilience(rig.harness, { breaker: { resetMs: 1 } });
    const sent = rig.mock.requests.length;
    expect((await rig.chat('openai/gpt-4.1', 'probe')).status).toBe(200);
    expect((await resilienceState()).state.breakers).toEqual([]);

    await rig.restart();
    expect((await resilienceState()).state.breakers).toEqual([]);
    await patchResilience(rig.harness, { breaker: { resetMs: 60_000 } });
    expect((await rig.chat('openai/gpt-4.1', 'closed')).status).toBe(200);
    expect(keysUsed(rig.mock, sent)).toEqual(['key-a', 'key-a']);
  });

  it('remembers that a reset cleared a cooldown', async () => {
    await rig.harness.manage('POST', '/api/resilience/reset', { connectionId: claude.id });
    await rig.restart();
    expect((await resilienceState()).state.cooldowns).toEqual([]);
    const sent = rig.mock.requests.length;
    expect((await rig.chat('anthropic/claude-haiku-4-5', 'back')).status).toBe(200);
    expect(keysUsed(rig.mock, sent)).toEqual(['key-claude']);
  });
});
