import { describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.js';
import { BatchWriter } from './batch-writer.js';

/** A store that can be "down": writes fail until it is back. */
function flakyStore() {
  const store = { down: true, rows: [] as number[] };
  const write = async (rows: number[]) => {
    if (store.down) throw new Error('connection refused');
    store.rows.push(...rows);
  };
  return { store, write };
}

describe('BatchWriter', () => {
  it('keeps rows while writes fail and writes them, in order, once the store is back', async () => {
    const { store, write } = flakyStore();
    const writer = new BatchWriter<number>({ name: 'rows', write, logger: silentLogger(), batchSize: 10 });
    for (let row = 0; row < 25; row += 1) writer.enqueue(row);
    await writer.flush();
    expect(writer.pending).toBe(25);
    store.down = false;
    await writer.close();
    expect(store.rows).toEqual(Array.from({ length: 25 }, (_, row) => row));
  });

  it('stays within its bound during a long outage, giving up the oldest rows', async () => {
    const { store, write } = flakyStore();
    const writer = new BatchWriter<number>({
      name: 'rows',
      write,
      logger: silentLogger(),
      batchSize: 1_000_000,
      maxQueued: 1000,
    });
    for (let row = 0; row < 5000; row += 1) writer.enqueue(row);
    expect(writer.pending).toBeLessThanOrEqual(1000);
    expect(writer.pending).toBeGreaterThanOrEqual(990);
    store.down = false;
    await writer.close();
    expect(store.rows.at(-1)).toBe(4999);
    expect(store.rows).toEqual(
      Array.from({ length: store.rows.length }, (_, index) => 5000 - store.rows.length + index),
    );
  });
});
