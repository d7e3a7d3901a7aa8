import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toAuditRow } from '../../src/audit/audit-log.js';
import { silentLogger } from '../../src/observability/logger.js';
import { AuditLogRepository } from '../../src/storage/repositories/audit-log-repository.js';
import { RetentionPurge } from '../../src/storage/retention-purge.js';
import { type TestEngine, testEngines } from '../helpers/test-databases.js';

const dayMs = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 5, 1);

describe.each(testEngines)('audit-log retention on $name', (engine: TestEngine) => {
  let repository: AuditLogRepository;
  let dispose: () => Promise<void>;
  const retention = (retentionDays: () => number, extra: { firstRunDelayMs?: number; intervalMs?: number } = {}) =>
    new RetentionPurge({
      what: 'audit log',
      tables: [(cutoff, limit) => repository.deleteOlderThan(cutoff, limit)],
      logger: silentLogger(),
      retentionDays,
      batchSize: 100,
      now: () => now,
      ...extra,
    });
  const actions = async () => (await repository.list({ limit: 1000 })).map((row) => row.action);

  beforeEach(async () => {
    const opened = await engine.open();
    dispose = opened.dispose;
    repository = new AuditLogRepository(opened.storage.db);
    // 250 entries 100 days old (more than two batches), 3 from last week, 1 from a minute ago.
    const old = Array.from({ length: 250 }, (_, index) =>
      toAuditRow({ actor: 'dashboard', action: `old.${index}` }, now - 100 * dayMs + index),
    );
    await repository.insertMany([
      ...old,
      ...[1, 3, 6].map((days) => toAuditRow({ actor: 'cli', action: `recent.${days}` }, now - days * dayMs)),
      toAuditRow({ actor: 'dashboard', action: 'login.success' }, now - 60_000),
    ]);
  });
  afterEach(() => dispose());

  it('deletes entries older than the retention in bounded batches and keeps newer ones', async () => {
    const deleteSpy = vi.spyOn(repository, 'deleteOlderThan');
    expect(await retention(() => 90).purge(90)).toBe(250);
    // 250 rows at 100 per DELETE: never one statement for everything.
    expect(deleteSpy.mock.calls.map(([, limit]) => limit)).toEqual([100, 100, 100]);
    expect((await actions()).sort()).toEqual(['login.success', 'recent.1', 'recent.3', 'recent.6']);

    // A shorter retention takes the entries past it, and only those.
    expect(await retention(() => 2).purge(2)).toBe(2);
    expect((await actions()).sort()).toEqual(['login.success', 'recent.1']);
  });

  it('purges on its own timer with the current setting, and 0 keeps everything', async () => {
    let days = 0;
    let asked = 0;
    const purge = retention(
      () => {
        asked += 1;
        return days;
      },
      { firstRunDelayMs: 1, intervalMs: 5 },
    );
    purge.start();
    try {
      // The timer has looked at the setting several times, and 0 deleted nothing.
      await vi.waitFor(() => expect(asked).toBeGreaterThan(2), { timeout: 5000 });
      expect(await actions()).toHaveLength(254);
      days = 30;
      await vi.waitFor(async () => expect(await actions()).toHaveLength(4), { timeout: 5000 });
    } finally {
      await purge.stop();
    }
  });
});
