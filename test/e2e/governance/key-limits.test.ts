import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';
import { chat, createKey, statusCounts } from './governance-setup.js';

let mock: MockUpstream;
let harness: GatewayHarness;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  await harness.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});

const burst = (key: string, count: number, options: Parameters<typeof chat>[2] = {}) =>
  Promise.all(Array.from({ length: count }, () => chat(harness, key, options)));

describe('per-key limits under a concurrent burst', () => {
  it('maxConcurrent: exactly the limit runs at once, the rest get 429 with Retry-After; slots come back', async () => {
    const { key } = await createKey(harness, { name: 'three-at-once', limits: { maxConcurrent: 3 } });
    const responses = await burst(key, 8, { text: 'slow [[mock:delay=200]]' });
    expect(statusCounts(responses)).toEqual({ 200: 3, 429: 5 });
    const refused = responses.find((response) => response.statusCode === 429);
    expect(refused?.headers['retry-after']).toBe('1');
    expect(refused?.json().error.type).toBe('rate_limit_error');
    expect(refused?.json().error.message).toContain("'three-at-once' already has 3 requests in flight");
    // Every slot was released in the finally (including the failed upstream call below).
    expect(statusCounts(await burst(key, 3, { text: 'fail [[mock:status=500]]' }))[429]).toBeUndefined();
    expect(statusCounts(await burst(key, 3))).toEqual({ 200: 3 });
  });

  it('rpm: exactly the limit is admitted in a minute; Retry-After says when a slot frees', async () => {
    const { key } = await createKey(harness, { name: 'five-a-minute', limits: { rpm: 5 } });
    const responses = await burst(key, 12);
    expect(statusCounts(responses)).toEqual({ 200: 5, 429: 7 });
    const refused = responses.find((response) => response.statusCode === 429);
    const retryAfter = Number(refused?.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused?.json().error.message).toContain('5 requests per minute');
    const anthropic = await chat(harness, key, { format: 'anthropic' });
    expect(anthropic.statusCode).toBe(429);
    expect(anthropic.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('rpd: exactly the daily limit is admitted', async () => {
    const { key } = await createKey(harness, { name: 'four-a-day', limits: { rpd: 4 } });
    const responses = await burst(key, 10);
    expect(statusCounts(responses)).toEqual({ 200: 4, 429: 6 });
    expect(responses.find((response) => response.statusCode === 429)?.json().error.message).toContain(
      '4 requests per day',
    );
  });

  it('tpm: reserved tokens count at once, so a burst cannot all pass a nearly-spent minute', async () => {
    const { key } = await createKey(harness, { name: 'tiny-tpm', limits: { tpm: 1 } });
    const responses = await burst(key, 6);
    expect(statusCounts(responses)).toEqual({ 200: 1, 429: 5 });
    const refused = responses.find((response) => response.statusCode === 429);
    expect(refused?.json().error.message).toContain('1 tokens per minute');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('a changed limit applies to the next request; keys without limits are not counted', async () => {
    const { id, key } = await createKey(harness, { name: 'raised', limits: { rpm: 1 } });
    expect((await chat(harness, key)).statusCode).toBe(200);
    expect((await chat(harness, key)).statusCode).toBe(429);
    await harness.manage('PATCH', `/api/keys/${id}`, { limits: { rpm: 3 } });
    expect(statusCounts(await burst(key, 4))).toEqual({ 200: 3, 429: 1 });
    const { key: free } = await createKey(harness, { name: 'unlimited' });
    expect(statusCounts(await burst(free, 10))).toEqual({ 200: 10 });
  });
});
