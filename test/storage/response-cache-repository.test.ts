import { describe, expect, it } from 'vitest';
import { ResponseCacheRepository } from '../../src/storage/repositories/response-cache-repository.js';
import { testEngines } from '../helpers/test-databases.js';

const row = (key: string, expiresAt: number, answer = '{"a":1}') => ({
  key,
  answer,
  bytes: answer.length,
  created_at: 1,
  expires_at: expiresAt,
});

describe.each(testEngines)('response cache repository on $name', (engine) => {
  it('upserts, reads only live entries, counts, purges expired ones in batches and clears', async () => {
    const { storage, dispose } = await engine.open();
    try {
      const cache = new ResponseCacheRepository(storage.db);
      await cache.upsertMany([row('a', 100), row('b', 200), row('c', 300)]);
      await cache.upsertMany([row('a', 400, '{"a":2}')]);
      expect(await cache.get('a', 150)).toMatchObject({ answer: '{"a":2}', expires_at: 400 });
      expect(await cache.get('b', 200)).toBeUndefined();
      expect(await cache.count(150)).toEqual({ entries: 3, bytes: 21 });
      expect(await cache.deleteExpired(350, 1)).toBe(1);
      expect(await cache.deleteExpired(350, 10)).toBe(1);
      expect(await cache.count(0)).toEqual({ entries: 1, bytes: 7 });
      await cache.clear();
      expect(await cache.count(0)).toEqual({ entries: 0, bytes: 0 });
    } finally {
      await dispose();
    }
  });
});
