import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLogs, startHarness } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock.close();
});

const upstreamSecret = 'sk-upstream-very-secret-value-42';

describe('data on disk', () => {
  it('never stores a provider secret in plaintext, and survives a restart with keys and logs intact', async () => {
    const first = await startHarness({ env: { REQUIRE_API_KEY: 'true' } });
    const dataDir = first.dataDir;
    await first.connect({ provider: 'openai', apiKey: upstreamSecret, baseUrl: `${mock.url}/v1` });
    const { body: created } = await first.manage('POST', '/api/keys', { name: 'laptop' });
    const client = new OpenAI({ baseURL: `${first.url}/v1`, apiKey: created.key, maxRetries: 0 });
    await client.chat.completions.create({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'hi' }] });
    await first.stop({ keepData: true });

    for (const file of readdirSync(dataDir)) {
      const bytes = readFileSync(join(dataDir, file));
      expect(bytes.includes(upstreamSecret), `${file} holds the plaintext secret`).toBe(false);
      expect(bytes.includes(created.key), `${file} holds the plaintext client key`).toBe(false);
    }

    const second = await startHarness({ dataDir, env: { REQUIRE_API_KEY: 'true' } });
    try {
      const again = new OpenAI({ baseURL: `${second.url}/v1`, apiKey: created.key, maxRetries: 0 });
      const answer = await again.chat.completions.create({
        model: 'openai/gpt-4.1',
        messages: [{ role: 'user', content: 'after restart' }],
      });
      expect(answer.choices[0]?.message.content).toContain('after restart');
      expect(mock.requests.at(-1)?.headers.authorization).toBe(`Bearer ${upstreamSecret}`);
      const rows = await requestLogs(second);
      expect(rows.map((row) => row.model_requested)).toEqual(['openai/gpt-4.1', 'openai/gpt-4.1']);
      const { body: listed } = await second.manage('GET', '/api/providers');
      expect(JSON.stringify(listed)).not.toContain(upstreamSecret);
    } finally {
      await second.stop();
    }
  });

  it('refuses to start when STORAGE_ENCRYPTION_KEY does not match the stored secrets', async () => {
    const first = await startHarness({ env: { STORAGE_ENCRYPTION_KEY: 'first key' } });
    await first.connect({ provider: 'openai', apiKey: upstreamSecret });
    await first.stop({ keepData: true });
    await expect(
      startHarness({ dataDir: first.dataDir, env: { STORAGE_ENCRYPTION_KEY: 'other key' } }),
    ).rejects.toThrow(/not the key it was sealed with/);
  });
});
