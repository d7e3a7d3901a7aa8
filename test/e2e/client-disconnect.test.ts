import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, requestLogs, startHarness } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

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

describe('client disconnect', () => {
  it('aborts the upstream call when the client goes away mid-stream, and logs it', async () => {
    const controller = new AbortController();
    const response = await fetch(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4.1',
        stream: true,
        // Many words trickled 300 ms apart: the whole answer would take several seconds.
        messages: [{ role: 'user', content: `${'word '.repeat(30)}[[mock:trickle=300]]` }],
      }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    const abortedAt = Date.now();
    controller.abort();

    let row: any;
    for (let attempt = 0; attempt < 40 && row === undefined; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      row = (await requestLogs(harness)).find((entry) => entry.streamed === 1);
    }
    // The gateway gave up on the upstream at once instead of reading the remaining trickle to the end.
    expect(row).toBeDefined();
    expect(row.created_at + row.latency_ms).toBeLessThan(abortedAt + 1500);
    expect(row.status).toBe(499);
  });
});
