import { describe, expect, it } from 'vitest';
import type { CachedAnswer } from './cached-answer.js';
import { LocalIdempotencyStore } from './idempotency-store.js';

const answer: CachedAnswer = {
  response: { id: 'r1', model: 'm', content: [{ type: 'text', text: 'hi' }], finishReason: 'stop' },
  provider: 'openai',
  model: 'm',
  costNano: 5,
};

describe('LocalIdempotencyStore', () => {
  it('lets repeats wait for the first request and replays its answer within the window', async () => {
    let now = 0;
    const store = new LocalIdempotencyStore(() => 1000, { now: () => now });
    const first = store.claimNow('k');
    const waiting = store.claimNow('k');
    expect(first?.kind).toBe('first');
    expect(waiting?.kind).toBe('repeat');
    if (first?.kind === 'first') first.finish(answer);
    if (waiting?.kind === 'repeat') expect(await waiting.answer).toBe(answer);
    now = 999;
    expect(store.claimNow('k')?.kind).toBe('repeat');
    now = 1000;
    expect(store.activeKeys).toBe(0);
    expect(store.claimNow('k')?.kind).toBe('first');
  });

  it('forgets a failed first request: waiters get nothing and the next claim runs', async () => {
    const store = new LocalIdempotencyStore(() => 1000);
    const first = store.claimNow('k');
    const waiting = store.claimNow('k');
    if (first?.kind === 'first') first.finish(undefined);
    if (waiting?.kind === 'repeat') expect(await waiting.answer).toBeUndefined();
    expect(store.claimNow('k')?.kind).toBe('first');
  });

  it('stops deduplicating new keys at its bound instead of growing', () => {
    const store = new LocalIdempotencyStore(() => 1000, { maxKeys: 2 });
    expect(store.claimNow('a')).toBeDefined();
    expect(store.claimNow('b')).toBeDefined();
    expect(store.claimNow('c')).toBeUndefined();
    expect(store.activeKeys).toBe(2);
  });
});
