import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';
import { chatBody, connectMockAccounts } from './cache-setup.js';

let mock: MockUpstream;
let harness: GatewayHarness;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await harness?.stop();
  await mock.close();
});

async function chat(text: string) {
  const response = await fetch(`${harness.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody(text)),
  });
  return { cache: response.headers.get('x-omniroute-cache'), body: (await response.json()) as any };
}

describe('database tier', () => {
  it('keeps cached answers across a restart', async () => {
    harness = await startHarness();
    await connectMockAccounts(harness, mock.url);
    const first = await chat('Remember me after a restart');
    expect(first.cache).toBe('MISS');
    const { dataDir } = harness;
    await harness.stop({ keepData: true });

    try {
      harness = await startHarness({ dataDir });
      expect((await harness.manage('GET', '/api/cache')).body.semanticCache).toMatchObject({
        memorySize: 0,
        dbSize: 1,
      });
      const second = await chat('Remember me after a restart');
      expect(second.cache).toBe('HIT');
      expect(second.body.choices[0].message.content).toBe(first.body.choices[0].message.content);
      expect(mock.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
      // Promoted to memory on the way.
      expect((await harness.manage('GET', '/api/cache')).body.semanticCache.memorySize).toBe(1);
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  });
});
