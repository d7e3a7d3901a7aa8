import { describe, expect, it } from 'vitest';
import { toSuiteDefinition } from '../../src/evals/eval-suite.js';
import { EvalRunsRepository } from '../../src/storage/repositories/eval-runs-repository.js';
import { EvalSuitesRepository } from '../../src/storage/repositories/eval-suites-repository.js';
import { testEngines } from '../helpers/test-databases.js';

const suite = toSuiteDefinition({
  name: 'smoke',
  cases: [{ prompt: 'hi', checks: [{ type: 'contains', value: 'hi', caseSensitive: false }] }],
});

describe.each(testEngines)('eval repositories on $name', (engine) => {
  it('stores suites, runs and results; leftovers are interrupted all at once or by stale heartbeat', async () => {
    const { storage, dispose } = await engine.open();
    try {
      const suites = new EvalSuitesRepository(storage.db);
      const runs = new EvalRunsRepository(storage.db);
      const stored = await suites.create(suite);
      expect(await suites.findByName('smoke')).toMatchObject({ id: stored.id, cases: suite.cases });

      const newRun = { suiteId: stored.id, suiteName: 'smoke', suite, targets: ['m'], concurrency: 1, total: 1 };
      const run = await runs.create({ ...newRun, rerunOf: null });
      await runs.insertResult({
        runId: run.id,
        target: 'm',
        caseIndex: 0,
        caseName: 'case 1',
        passed: true,
        reason: null,
        checks: [{ type: 'contains', passed: true, reason: 'ok' }],
        answer: 'hi there',
        toolCalls: [{ name: 'f', arguments: { a: 1 } }],
        status: 200,
        servedBy: 'openai/m',
        requestId: 'r1',
        latencyMs: 12.4,
        inputTokens: 3,
        outputTokens: 2,
        costUsd: 0.000123,
      });
      const [result] = await runs.results(run.id);
      expect(result).toMatchObject({ passed: true, latencyMs: 12, costUsd: 0.000123, toolCalls: [{ name: 'f' }] });

      // A heartbeat newer than the cut-off keeps a run alive (another process is running it).
      await runs.heartbeat([run.id]);
      expect(await runs.interruptLeftovers(Date.now() - 60_000)).toBe(0);
      expect(await runs.interruptLeftovers(Date.now() + 1)).toBe(1);
      expect((await runs.get(run.id))?.status).toBe('interrupted');
      // An ended run keeps its status.
      await runs.finish(run.id, 'finished');
      expect((await runs.get(run.id))?.status).toBe('interrupted');

      const other = await runs.create({ ...newRun, rerunOf: run.id });
      expect(await runs.interruptLeftovers()).toBe(1);
      expect((await runs.list(10)).map((entry) => entry.id)).toContain(other.id);
      expect(await runs.delete(run.id)).toBe(true);
      expect(await runs.results(run.id)).toEqual([]);
    } finally {
      await dispose();
    }
  });
});
