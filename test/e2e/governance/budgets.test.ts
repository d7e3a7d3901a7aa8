import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, requestLogs, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';
import { chat, createKey, statusCounts } from './governance-setup.js';

let mock: MockUpstream;
let harness: GatewayHarness;

const connectMock = () => harness.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  await connectMock();
  // $0.001 per token either way, so estimates and costs are easy to compute by hand.
  const price = await harness.manage('PUT', '/api/pricing', {
    provider: 'openai',
    model: 'gpt-4.1',
    pricing: { input: 1000, output: 1000 },
  });
  expect(price.status).toBe(200);
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});

const slow = 'slow [[mock:delay=200]]';
/** The gateway's reservation for one call of `chat` with `text`: JSON length / 4 for the prompt, plus max_tokens. */
const estimateUsd = (text: string) =>
  (Math.ceil(
    JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: text }], max_tokens: 10 }).length / 4,
  ) +
    10) *
  0.001;

describe('budgets (/api/usage/budget)', () => {
  it('validates input by field, needs a known key and management auth', async () => {
    const bad = await harness.manage('POST', '/api/usage/budget', { keyId: 'x', limit: 1, period: 'yearly' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('period');
    const negative = await harness.manage('POST', '/api/usage/budget', { keyId: 'x', limit: -1, period: 'daily' });
    expect(negative.body.error.message).toContain('limit');
    const unknown = await harness.manage('POST', '/api/usage/budget', { keyId: 'nope', limit: 1, period: 'daily' });
    expect(unknown.status).toBe(404);
    expect((await fetch(`${harness.url}/api/usage/budget`)).status).toBe(401);
  });

  it('holds under a concurrent burst: admitted spend overshoots by at most one estimate', async () => {
    const { id, key } = await createKey(harness, { name: 'budgeted' });
    const limit = 0.1;
    const set = await harness.manage('POST', '/api/usage/budget', {
      keyId: id,
      limit,
      period: 'daily',
      warningThreshold: 0.5,
    });
    expect(set.status).toBe(201);
    expect(set.body).toMatchObject({ keyName: 'budgeted', limit, spent: 0, warningThreshold: 0.5, exceeded: false });
    const again = await harness.manage('POST', '/api/usage/budget', {
      keyId: id,
      limit,
      period: 'daily',
      warningThreshold: 0.5,
    });
    expect(again.status).toBe(200);

    const estimate = estimateUsd(slow);
    const responses = await Promise.all(Array.from({ length: 20 }, () => chat(harness, key, { text: slow })));
    const admitted = Math.ceil(limit / estimate);
    expect(statusCounts(responses)).toEqual({ 200: admitted, 429: 20 - admitted });
    const refused = responses.find((response) => response.statusCode === 429);
    const tomorrow = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1),
    );
    expect(refused?.json().error.message).toContain("'budgeted' has used its daily budget of $0.1");
    expect(refused?.json().error.message).toContain(`resets at ${tomorrow.toISOString()}`);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);

    // Keep spending one request at a time until refused: settled spend never passes the limit by more than one estimate.
    for (let index = 0; index < 50; index += 1) if ((await chat(harness, key)).statusCode === 429) break;
    const spentByLog = (await requestLogs(harness))
      .filter((row: any) => row.api_key_id === id)
      .reduce((sum: number, row: any) => sum + (row.cost_usd ?? 0), 0);
    const { body } = await harness.manage('GET', '/api/usage/budget');
    const view = body.budgets.find((budget: any) => budget.keyId === id);
    expect(view.spent).toBeGreaterThanOrEqual(limit);
    expect(view.spent).toBeLessThanOrEqual(limit + estimateUsd('hi'));
    expect(view).toMatchObject({ exceeded: true, warning: true, reserved: 0, resetsAt: tomorrow.toISOString() });
    expect(view.spent).toBeCloseTo(spentByLog, 9);
    expect((await chat(harness, key)).statusCode).toBe(429);

    // A raised limit applies at once; other keys are unaffected.
    await harness.manage('POST', '/api/usage/budget', { keyId: id, limit: 100, period: 'daily' });
    expect((await chat(harness, key)).statusCode).toBe(200);
    const { key: other } = await createKey(harness, { name: 'no-budget' });
    expect((await chat(harness, other)).statusCode).toBe(200);
  });

  it('after a restart, spend in the period comes from the request log', async () => {
    const { id, key } = await createKey(harness, { name: 'restarted' });
    await harness.manage('POST', '/api/usage/budget', { keyId: id, limit: 5, period: 'monthly' });
    expect(statusCounts(await Promise.all([chat(harness, key), chat(harness, key)]))).toEqual({ 200: 2 });
    const before = (await harness.manage('GET', '/api/usage/budget')).body.budgets.find((b: any) => b.keyId === id);
    expect(before.spent).toBeGreaterThan(0);
    await harness.stop({ keepData: true });
    harness = await startHarness({ dataDir: harness.dataDir });
    const after = (await harness.manage('GET', '/api/usage/budget')).body.budgets.find((b: any) => b.keyId === id);
    expect(after.spent).toBeCloseTo(before.spent, 9);
    expect(after.period).toBe('monthly');
  });
});
