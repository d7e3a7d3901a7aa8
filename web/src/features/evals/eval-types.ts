/** Answers of /api/evals (see src/evals/eval-views.ts): only the fields the page shows. */

export interface EvalSuiteSummary {
  kind: 'suite';
  id: string;
  name: string;
  description?: string;
  builtIn: boolean;
  caseCount: number;
  cases?: unknown[];
}

export interface TargetScore {
  target: string;
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

export interface EvalResultView {
  case: string;
  caseIndex: number;
  target: string;
  passed: boolean;
  reason: string | null;
  answer: string | null;
  toolCalls: Array<{ name: string; arguments: unknown }> | null;
  status: number;
  servedBy: string | null;
  requestId: string | null;
  latencyMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number;
}

export interface EvalRunView {
  kind: 'run';
  id: string;
  status: 'running' | 'finished' | 'cancelled' | 'interrupted';
  targets: string[];
  concurrency: number;
  rerunOf: string | null;
  suite: { id: string | null; name: string; caseCount: number };
  progress: { done: number; total: number };
  scores: TargetScore[];
  createdAt: string | null;
  finishedAt: string | null;
  results?: EvalResultView[];
}

export interface EvalsOverview {
  suites: EvalSuiteSummary[];
  runs: EvalRunView[];
}

export interface CaseCell {
  passed: boolean;
  reason: string | null;
  latencyMs: number;
  costUsd: number;
  answer: string | null;
}

export interface EvalComparison {
  runs: EvalRunView[];
  cases: Array<{ case: string; runs: Array<{ runId: string; targets: Record<string, CaseCell | null> }> }>;
}

export const formatScore = (score: number) => `${Math.round(score * 1000) / 10}%`;
