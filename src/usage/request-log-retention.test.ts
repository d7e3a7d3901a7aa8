import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../observability/logger.js';
import { openStorage, type Storage } from '../storage/database.js';
import { RequestLogBodiesRepository } from '../storage/repositories/request-log-bodies-repository.js';
import { type NewRequestLogRow, RequestLogsRepository } from '../storage/repositories/request-logs-repository.js';
import { RequestLogRetention } from './request-log-retention.js';

const day = 86_400_000;
const now = Date.UTC(2025, 5, 1);

function row(i: number, ageDays: number): NewRequestLogRow {
  return {
    request_id: `req-${i}`,
    created_at: now - ageDays * day,
    route: '/v1/chat/completions',
    client_format: 'openai',
    status: 200,
    latency_ms: 10,
    streamed: 0,
  };
}

let dir: string;
let storage: Storage;
let logs: RequestLogsRepository;
let bodies: RequestLogBodiesRepository;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omniroute-retention-'));
  storage = await openStorage(dir);
  logs = new RequestLogsRepository(storage.db);
  bodies = new RequestLogBodiesRepository(storage.db);
  // 3000 rows 40 days old, 2000 rows 5 days old; a body for every 10th row.
  const rows = Array.from({ length: 5000 }, (_, i) => row(i, i < 3000 ? 40 : 5));
  await logs.insertMany(rows);
  await bodies.insertMany(
    rows
      .filter((_, i) => i % 10 === 0)
      .map((r) => ({
        request_id: r.request_id,
        created_at: r.created_at,
        request_body: '{}',
        response_body: null,
        truncated: 0,
      })),
  );
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (table: 'request_logs' | 'request_log_bodies') =>
  Number(
    (
      await storage.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('RequestLogRetention', () => {
  it('purges rows and bodies older than the cutoff in batches, yielding between them', async () => {
    const retention = new RequestLogRetention({
      logs,
      bodies,
      logger: silentLogger(),
      retentionDays: () => 30,
      batchSize: 400,
      now: () => now,
    });
    const deleteSpy = vi.spyOn(logs, 'deleteOlderThan');
    let ticks = 0;
    const ticker = setInterval(() => {
      ticks += 1;
    }, 0);
    const deleted = await retention.purge(30);
    clearInterval(ticker);
    expect(deleted).toBe(3000);
    // 3000 / 400 → 8 batches (the last one short), never one statement for everything.
    expect(deleteSpy).toHaveBeenCalledTimes(8);
    expect(deleteSpy.mock.calls.every(([, limit]) => limit === 400)).toBe(true);
    expect(ticks).toBeGreaterThan(0);
    expect(await count('request_logs')).toBe(2000);
    expect(await count('request_log_bodies')).toBe(200);
  });

  it('runs on its own timer with the retention setting, and 0 keeps everything', async () => {
    let days = 0;
    const retention = new RequestLogRetention({
      logs,
      bodies,
      logger: silentLogger(),
      retentionDays: () => days,
      firstRunDelayMs: 5,
      intervalMs: 20,
      now: () => now,
    });
    retention.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await count('request_logs')).toBe(5000);
    days = 3;
    await vi.waitFor(async () => expect(await count('request_logs')).toBe(0), { timeout: 2000 });
    await retention.stop();
  });
});
