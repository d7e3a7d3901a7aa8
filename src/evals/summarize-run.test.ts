import { describe, expect, it } from 'vitest';
import type { EvalResult, EvalRun } from './eval-run.js';
import { compareRuns, scoreRun } from './summarize-run.js';

const suite = {
  name: 's',
  cases: [
    { name: 'a', prompt: 'a', checks: [{ type: 'valid_json' as const }] },
    { name: 'b', prompt: 'b', checks: [{ type: 'valid_json' as const }] },
  ],
};

const run = (id: string, targets: string[]): EvalRun => ({
  id,
  suiteId: null,
  suiteName: 's',
  suite,
  targets,
  status: 'finished',
  concurrency: 1,
  total: suite.cases.length * targets.length,
  rerunOf: null,
  createdAt: 0,
  finishedAt: 1,
});

const result = (runId: string, target: string, caseName: string, passed: boolean, extra = {}): EvalResult => ({
  runId,
  target,
  caseIndex: caseName === 'a' ? 0 : 1,
  caseName,
  passed,
  reason: passed ? null : 'contains: no',
  checks: [],
  answer: 'x',
  toolCalls: null,
  status: 200,
  servedBy: null,
  requestId: null,
  latencyMs: 100,
  inputTokens: 3,
  outputTokens: 4,
  costUsd: 0.25,
  createdAt: 0,
  ...extra,
});

describe('scoreRun', () => {
  it('scores passed cases over the suite’s cases; cases that never ran count against the target', () => {
    const results = [
      result('r', 'm1', 'a', true),
      result('r', 'm1', 'b', false, { status: 502, latencyMs: 5000, costUsd: 0 }),
      result('r', 'm2', 'a', true, { latencyMs: 300 }),
    ];
    expect(scoreRun(run('r', ['m1', 'm2']), results)).toEqual([
      {
        target: 'm1',
        score: 0.5,
        passed: 1,
        failed: 1,
        done: 2,
        total: 2,
        // Failed requests do not count towards latency.
        avgLatencyMs: 100,
        costUsd: 0.25,
        inputTokens: 6,
        outputTokens: 8,
      },
      expect.objectContaining({ target: 'm2', score: 0.5, passed: 1, failed: 0, done: 1, avgLatencyMs: 300 }),
    ]);
  });
});

describe('compareRuns', () => {
  it('aligns cases by name across runs, with a null cell for what a run did not cover', () => {
    const compared = compareRuns([
      { run: run('r1', ['m1']), results: [result('r1', 'm1', 'a', true), result('r1', 'm1', 'b', false)] },
      { run: run('r2', ['m1', 'm2']), results: [result('r2', 'm2', 'b', true)] },
    ]);
    expect(compared.map((entry) => entry.case)).toEqual(['a', 'b']);
    expect(compared[1]?.runs).toEqual([
      { runId: 'r1', targets: { m1: expect.objectContaining({ passed: false, reason: 'contains: no' }) } },
      { runId: 'r2', targets: { m1: null, m2: expect.objectContaining({ passed: true }) } },
    ]);
  });
});
