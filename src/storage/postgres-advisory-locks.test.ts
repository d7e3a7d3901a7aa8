import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, postgresEngine } from '../../test/helpers/test-databases.js';
import { openPostgresStorage } from './postgres-storage.js';
import type { PostgresStorage } from './storage-types.js';

let url: string | undefined;
let opened: PostgresStorage[] = [];
afterEach(async () => {
  await Promise.all(opened.map((storage) => storage.close()));
  opened = [];
  if (url !== undefined) await dropTestDatabase(url);
  url = undefined;
});

/** `count` gateway processes' storages on one fresh database, with `poolMax` pooled connections each. */
async function processes(count: number, poolMax = 10): Promise<PostgresStorage[]> {
  url = await createTestDatabase();
  const previous = process.env.DATABASE_POOL_MAX;
  process.env.DATABASE_POOL_MAX = String(poolMax);
  try {
    for (let index = 0; index < count; index += 1) opened.push(await openPostgresStorage(url));
  } finally {
    if (previous === undefined) delete process.env.DATABASE_POOL_MAX;
    else process.env.DATABASE_POOL_MAX = previous;
  }
  return opened;
}

describe.runIf(postgresEngine !== undefined)('PostgreSQL withLock', () => {
  it('lets one process at a time hold a name, while other names go on', async () => {
    const [a, b] = await processes(2);
    const order: string[] = [];
    let releaseA: () => void = () => undefined;
    const heldByA = a?.withLock('refresh:1', async () => {
      order.push('a in');
      await new Promise<void>((resolve) => {
        releaseA = resolve;
      });
      order.push('a out');
    });
    await expect.poll(() => order).toEqual(['a in']);
    const waitingB = b?.withLock('refresh:1', async () => {
      order.push('b in');
    });
    // Another name is not blocked by A.
    await b?.withLock('refresh:2', async () => {
      order.push('other name');
    });
    releaseA();
    await Promise.all([heldByA, waitingB]);
    expect(order).toEqual(['a in', 'other name', 'a out', 'b in']);
  });

  it('does not starve a one-connection pool: the work may use the database while the lock is held', async () => {
    const [a] = await processes(1, 1);
    const answer = await a?.withLock('refresh:1', async () => {
      const { rows } = await sql<{ value: number }>`select 42 as value`.execute(a.db);
      return rows[0]?.value;
    });
    expect(answer).toBe(42);
  });

  it('frees the locks of a process that goes away', async () => {
    const [a, b] = await processes(2);
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const abandoned = a?.withLock('refresh:1', async () => {
      entered();
      await new Promise(() => undefined); // never finishes: the process is gone
    });
    void abandoned;
    await inside;
    await a?.close();
    opened = opened.filter((storage) => storage !== a);
    expect(await b?.withLock('refresh:1', async () => 'taken over')).toBe('taken over');
  });
});
