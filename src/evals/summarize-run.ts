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

/**
 * One target's results of a run, summed: all a score needs. Listings get these from one SQL aggregate
 * (EvalRunsRepository.tallies); a single run's view sums its loaded results (tallyResults).
 */
export interface TargetTally {
  target: string;
  done: number;
  passed: number;
  /** Results whose request succeeded (status < 400): only these count towards latency. */
  answered: number;
  answeredLatencyMs: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

/** The score per target of a run, in the run's target order. */
export function scoreRun(run: Pick<EvalRun, 'targets' | 'suite'>, results: readonly EvalResult[]): TargetScore[] {
  return scoreTallies(run, tallyResults(results));
}

/** The score per target from summed results; a target without any result scores 0 with nothing done. */
export function scoreTallies(run: Pick<EvalRun, 'targets' | 'suite'>, tallies: readonly TargetTally[]): TargetScore[] {
  const total = run.suite.cases.length;
  return run.targets.map((target) => {
    const tally = tallies.find((entry) => entry.target === target) ?? emptyTally(target);
    return {
      target,
      score: total === 0 ? 0 : round(tally.passed / total, 4),
      passed: tally.passed,
      failed: tally.done - tally.passed,
      done: tally.done,
      total,
      avgLatencyMs: tally.answered === 0 ? null : Math.round(tally.answeredLatencyMs / tally.answered),
      costUsd: round(tally.costUsd, 9),
      inputTokens: tally.inputTokens,
      outputTokens: tally.outputTokens,
    };
  });
}

/** Sums results per target, in first-seen order. */
export function tallyResults(results: readonly EvalResult[]): TargetTally[] {
  const tallies = new Map<string, TargetTally>();
  for (const result of results) {
    let tally = tallies.get(result.target);
    if (tally === undefined) {
      tally = emptyTally(result.target);
      tallies.set(result.target, tally);
    }
    tally.done += 1;
    if (result.passed) tally.passed += 1;
    if (result.status < 400) {
      tally.answered += 1;
      tally.answeredLatencyMs += result.latencyMs;
    }
    tally.costUsd += result.costUsd;
    tally.inputTokens += result.inputTokens ?? 0;
    tally.outputTokens += result.outputTokens ?? 0;
  }
  return [...tallies.values()];
}

function emptyTally(target: string): TargetTally {
  return {
    target,
    done: 0,
    passed: 0,
    answered: 0,
    answeredLatencyMs: 0,
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
  };
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
