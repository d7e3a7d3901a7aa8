import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keysUsed, type RoutingRig, resetRouting, startRig } from './routing-setup.js';

let rig: RoutingRig;
let accounts: any[];

beforeAll(async () => {
  rig = await startRig();
  accounts = await rig.connect('openai', ['key-a', 'key-b']);
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness, { routing: { accountStrategy: 'round-robin', stickyLimit: 1 } });
});

const inSession = (sessionId: string, content: string) =>
  rig.chat('openai/gpt-4.1', content, { headers: { 'x-session-id': sessionId } });

async function sessions(): Promise<any[]> {
  return (await rig.harness.manage('GET', '/api/sessions')).body.sessions;
}

describe('sticky sessions', () => {
  it('round-robin alternates accounts without a session id', async () => {
    for (let index = 0; index < 4; index += 1) await rig.chat('openai/gpt-4.1', `turn ${index}`);
    const keys = keysUsed(rig.mock);
    expect(new Set(keys)).toEqual(new Set(['key-a', 'key-b']));
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[1]).not.toBe(keys[2]);
  });

  it('keep a conversation on one account, echo the id and list the pin', async () => {
    const answers = [];
    for (let index = 0; index < 5; index += 1) {
      answers.push(await inSession('conv-1', `turn ${index}`));
      // Unrelated traffic in between keeps the rotation moving.
      await rig.chat('openai/gpt-4.1', 'other traffic');
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-omniroute-session-id')).toBe('conv-1');
    }
    const sessionKeys = keysUsed(rig.mock).filter((_key, index) => index % 2 === 0);
    expect(new Set(sessionKeys).size).toBe(1);
    // The session id is ours: it never goes upstream.
    expect(rig.mock.requests.every((request) => request.headers['x-session-id'] === undefined)).toBe(true);

    const pinnedId = accounts.find((account) => account.name === `openai-${sessionKeys[0]}`).id;
    const listed = (await sessions()).filter((pin) => pin.sessionId === 'conv-1');
    expect(listed).toEqual([
      expect.objectContaining({ sessionId: 'conv-1', provider: 'openai', connectionId: pinnedId }),
    ]);
    expect(listed[0].expiresAt).toBeGreaterThan(Date.now());
  });

  it('move to the other account when the pinned one fails, and stay there', async () => {
    await inSession('conv-2', 'first');
    const [pinnedKey] = keysUsed(rig.mock);
    const otherKey = pinnedKey === 'key-a' ? 'key-b' : 'key-a';

    rig.mock.enqueueFault({ status: 500 });
    const from = rig.mock.requests.length;
    const moved = await inSession('conv-2', 'pinned account fails');
    expect(moved.status).toBe(200);
    expect(keysUsed(rig.mock, from)).toEqual([pinnedKey, otherKey]);
    const otherId = accounts.find((account) => account.name === `openai-${otherKey}`).id;
    expect((await sessions()).find((pin) => pin.sessionId === 'conv-2')).toMatchObject({ connectionId: otherId });

    // Even once the failed account is back (reset), the conversation stays where it moved.
    await rig.harness.manage('POST', '/api/resilience/reset', {});
    const after = rig.mock.requests.length;
    for (let index = 0; index < 3; index += 1) await inSession('conv-2', `after ${index}`);
    expect(keysUsed(rig.mock, after)).toEqual([otherKey, otherKey, otherKey]);
  });

  it('pins per session: two conversations can sit on different accounts', async () => {
    await inSession('left', 'hello');
    await inSession('right', 'hello');
    const [left, right] = keysUsed(rig.mock);
    expect(left).not.toBe(right);
    for (let index = 0; index < 3; index += 1) {
      await inSession('left', 'again');
      await inSession('right', 'again');
    }
    expect(keysUsed(rig.mock, 2)).toEqual([left, right, left, right, left, right]);
  });
});
