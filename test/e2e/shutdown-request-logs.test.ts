import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { requestLogs, startHarness } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock?.close();
});

it('keeps the request-log row of a stream that shutdown cut after its grace period', async () => {
  const first = await startHarness({ config: { shutdownGraceMs: 300 } });
  await first.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
  const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
  const response = await fetch(`${first.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'openai/gpt-4.1',
      stream: true,
      messages: [{ role: 'user', content: `${words} [[mock:trickle=100]]` }],
    }),
  });
  expect(response.status).toBe(200);
  const reader = response.body?.getReader();
  await reader?.read();
  // Frames keep coming for about 4 s; the gateway stops after 0.3 s of grace and cuts the stream.
  const reading = (async () => {
    try {
      while (!(await reader?.read())?.done);
    } catch {
      // the cut
    }
  })();
  await sleep(200);
  await first.stop({ keepData: true });
  await reading;

  const second = await startHarness({ dataDir: first.dataDir });
  try {
    const rows = await requestLogs(second);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ model: 'gpt-4.1', streamed: 1 });
    expect(rows[0].status).not.toBe(200);
  } finally {
    await second.stop();
  }
});
