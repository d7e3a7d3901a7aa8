import type { EvalResult, EvalRun } from './eval-run.js';

export interface TargetScore {
  target: string;
  /** Passed cases / cases in the suite: a case that never ran (cancelled, interrupted) counts as not passed. */
  score: number;
  passed: number;
  failed: number;
  done: number;
  total: number;
  avgLatencyMs: number | null;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

/** The score per target of a run, in the run's target order. */
export function scoreRun(run: Pick<EvalRun, 'targets' | 'suite'>, results: readonly EvalResult[]): TargetScore[] {
  const total = run.suite.cases.length;
  return run.targets.map((target) => {
    const mine = results.filter((result) => result.target === target);
    const passed = mine.filter((result) => result.passed).length;
    const answered = mine.filter((result) => result.status < 400);
    const latency = answered.reduce((sum, result) => sum + result.latencyMs, 0);
    return {
      target,
      score: total === 0 ? 0 : round(passed / total, 4),
      passed,
      failed: mine.length - passed,
      done: mine.length,
      total,
      avgLatencyMs: answered.length === 0 ? null : Math.round(latency / answered.length),
      costUsd: round(
        mine.reduce((sum, result) => sum + result.costUsd, 0),
        9,
      ),
      inputTokens: mine.reduce((sum, result) => sum + (result.inputTokens ?? 0), 0),
      outputTokens: mine.reduce((sum, result) => sum + (result.outputTokens ?? 0), 0),
    };
  });
}

export interface ComparedCase {
  case: string;
  /** One entry per run, in the order the runs were asked for; per target, that case's result (absent: not run). */
  runs: Array<{ runId: string; targets: Record<string, CaseCell | null> }>;
}

export interface CaseCell {
  passed: boolean;
  reason: string | null;
  latencyMs: number;
  costUsd: number;
  answer: string | null;
}

/**
 * Per-case results of several runs side by side, aligned by case name (cases keep their names when a suite is
 * edited, so a run before and after a prompt change still lines up). Cases are listed in first-seen order.
 */
export function compareRuns(runs: ReadonlyArray<{ run: EvalRun; results: readonly EvalResult[] }>): ComparedCase[] {
  const names: string[] = [];
  for (const { run } of runs) {
    for (const entry of run.suite.cases) if (!names.includes(entry.name)) names.push(entry.name);
  }
  return names.map((name) => ({
    case: name,
    runs: runs.map(({ run, results }) => ({
      runId: run.id,
      targets: Object.fromEntries(
        run.targets.map((target) => {
          const result = results.find((entry) => entry.caseName === name && entry.target === target);
          return [target, result === undefined ? null : cellOf(result)];
        }),
      ),
    })),
  }));
}

function cellOf(result: EvalResult): CaseCell {
  return {
    passed: result.passed,
    reason: result.reason,
    latencyMs: result.latencyMs,
    costUsd: result.costUsd,
    answer: result.answer,
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
