import type { EvalResult, EvalRun } from './eval-run.js';
import type { EvalSuite } from './eval-suite.js';
import { scoreTallies, type TargetTally } from './summarize-run.js';

const iso = (time: number | null) => (time === null || time === 0 ? null : new Date(time).toISOString());

export function suiteView(suite: EvalSuite, full: boolean) {
  const { cases, createdAt, updatedAt, ...rest } = suite;
  return {
    kind: 'suite' as const,
    ...rest,
    caseCount: cases.length,
    ...(full ? { cases } : {}),
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
  };
}

/**
 * A run with its progress and score per target (from its summed results); `results` only when one run is asked for
 * (listings never load them).
 */
export function runView(
  run: EvalRun,
  tallies: readonly TargetTally[],
  options: { done: number; results?: readonly EvalResult[] },
) {
  const { suite, suiteId, suiteName, createdAt, finishedAt, ...rest } = run;
  return {
    kind: 'run' as const,
    ...rest,
    suite: { id: suiteId, name: suiteName, caseCount: suite.cases.length },
    progress: { done: options.done, total: run.total },
    scores: scoreTallies(run, tallies),
    createdAt: iso(createdAt),
    finishedAt: iso(finishedAt),
    ...(options.results === undefined ? {} : { results: inRunOrder(run, options.results).map(resultView) }),
  };
}

/** Case order, then the run's target order (they are stored in the order they finished). */
function inRunOrder(run: EvalRun, results: readonly EvalResult[]): EvalResult[] {
  const position = (target: string) => run.targets.indexOf(target);
  return [...results].sort((a, b) => a.caseIndex - b.caseIndex || position(a.target) - position(b.target));
}

function resultView(result: EvalResult) {
  const { runId: _runId, caseName, createdAt: _createdAt, ...rest } = result;
  return { case: caseName, ...rest, latencyMs: Math.round(result.latencyMs) };
}
