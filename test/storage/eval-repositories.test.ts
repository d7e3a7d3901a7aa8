import { describe, expect, it } from 'vitest';
import type { EvalResult } from '../../src/evals/eval-run.js';
import { toSuiteDefinition } from '../../src/evals/eval-suite.js';
import { scoreRun, scoreTallies, tallyResults } from '../../src/evals/summarize-run.js';
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

  it('sums a page of runs per target in one aggregate, scoring exactly like the loaded results', async () => {
    const { storage, dispose } = await engine.open();
    try {
      const runs = new EvalRunsRepository(storage.db);
      const newRun = { suiteId: null, suiteName: 'smoke', suite, targets: ['m1', 'm2'], concurrency: 1, total: 2 };
      const first = await runs.create({ ...newRun, rerunOf: null });
      const second = await runs.create({ ...newRun, rerunOf: first.id });
      const empty = await runs.create({ ...newRun, rerunOf: null });
      const result = (runId: string, target: string, extra: Partial<EvalResult>) =>
        runs.insertResult({
          runId,
          target,
          caseIndex: 0,
          caseName: 'case 1',
          passed: true,
          reason: null,
          checks: [],
          answer: 'hi',
          toolCalls: null,
          status: 200,
          servedBy: null,
          requestId: null,
          latencyMs: 100,
          inputTokens: 3,
          outputTokens: 2,
          costUsd: 0.000123,
          ...extra,
        });
      await result(first.id, 'm1', {});
      await result(first.id, 'm1', { passed: false, reason: 'no', latencyMs: 301, costUsd: 0.1 });
      // A failed request: counts as done and failed, not towards latency; no token counts.
      await result(first.id, 'm1', { passed: false, status: 502, latencyMs: 9000, inputTokens: null, costUsd: 0 });
      await result(first.id, 'm2', { status: 504, passed: false, inputTokens: null, outputTokens: null });
      await result(second.id, 'm2', { latencyMs: 40, costUsd: 2.5 });

      const tallies = await runs.tallies([first.id, second.id, empty.id]);
      expect(tallies.has(empty.id)).toBe(false);
      expect(scoreTallies(first, tallies.get(first.id) ?? [])).toEqual([
        {
          target: 'm1',
          score: 1,
          passed: 1,
          failed: 2,
          done: 3,
          total: 1,
          avgLatencyMs: 201,
          costUsd: 0.100123,
          inputTokens: 6,
          outputTokens: 6,
        },
        {
          target: 'm2',
          score: 0,
          passed: 0,
          failed: 1,
          done: 1,
          total: 1,
          avgLatencyMs: null,
          costUsd: 0.000123,
          inputTokens: 0,
          outputTokens: 0,
        },
      ]);
      for (const run of [first, second, empty]) {
        const results = await runs.results(run.id);
        const summed = tallies.get(run.id) ?? [];
        expect(scoreTallies(run, summed)).toEqual(scoreRun(run, results));
        expect(summed.sort((a, b) => a.target.localeCompare(b.target))).toEqual(tallyResults(results));
      }
      expect(await runs.tallies([])).toEqual(new Map());
    } finally {
      await dispose();
    }
  });
});
