import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runMigrateDataCommand } from '../../src/cli/migrate-data-command.js';
import { requestLogs, startHarness } from '../helpers/gateway-harness.js';
import { createTestDatabase, dropTestDatabase, postgresEngine } from '../helpers/test-databases.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

describe.runIf(postgresEngine !== undefined)('omniroute migrate-data', () => {
  let mock: MockUpstream;
  let url: string;

  beforeAll(async () => {
    mock = await startMockUpstream();
    url = await createTestDatabase();
  });
  afterAll(async () => {
    await mock?.close();
    if (url !== undefined) await dropTestDatabase(url);
  });

  it('moves an installation into PostgreSQL, verified, and the gateway serves from it with the same secrets', async () => {
    const before = await startHarness();
    await before.connect({ provider: 'openai', apiKey: 'sk-moved', baseUrl: `${mock.url}/v1` });
    const key = await before.manage('POST', '/api/keys', { name: 'moved' });
    const chat = (baseUrl: string, text: string) =>
      fetch(`${baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.body.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: text }] }),
      });
    for (const text of ['one', 'two', 'three']) expect((await chat(before.url, text)).status).toBe(200);
    await before.stop({ keepData: true });

    const output = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await runMigrateDataCommand(['--from', `sqlite:${before.dataDir}`, '--to', url])).toBe(0);
      expect(output.mock.calls.flat().join('\n')).toMatch(/Verified: \d+ rows in \d+ tables/);
      // A second run would merge into a filled database: refused.
      await expect(runMigrateDataCommand(['--from', `sqlite:${before.dataDir}`, '--to', url])).rejects.toThrow(
        /already holds rows/,
      );
      expect(await runMigrateDataCommand(['--from', before.dataDir, '--to', url])).toBe(2);
    } finally {
      output.mockRestore();
      errors.mockRestore();
    }

    const storageKey = readFileSync(join(before.dataDir, 'storage.key'), 'utf8').trim();
    const after = await startHarness({ env: { DATABASE_URL: url, STORAGE_ENCRYPTION_KEY: storageKey } });
    try {
      const response = await chat(after.url, 'after the move');
      expect(response.status).toBe(200);
      expect(mock.requests.at(-1)?.headers.authorization).toBe('Bearer sk-moved');
      const rows = await requestLogs(after);
      expect(rows.map((row) => row.status)).toEqual([200, 200, 200, 200]);
      // New rows got ids past the copied ones.
      expect(new Set(rows.map((row) => row.id)).size).toBe(4);
    } finally {
      await after.stop();
    }
  });
});
