import type { CheckOutcome } from './check-answer.js';
import type { EvalSuiteDefinition } from './eval-suite.js';

export const evalRunStatuses = ['running', 'finished', 'cancelled', 'interrupted'] as const;
export type EvalRunStatus = (typeof evalRunStatuses)[number];

export interface EvalRun {
  id: string;
  suiteId: string | null;
  suiteName: string;
  /** The suite as it was when the run started: what the results were measured against. */
  suite: EvalSuiteDefinition;
  targets: string[];
  status: EvalRunStatus;
  concurrency: number;
  /** Cases × targets. */
  total: number;
  rerunOf: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export interface EvalResult {
  runId: string;
  target: string;
  caseIndex: number;
  caseName: string;
  passed: boolean;
  /** The first failed check's reason, or why the request failed; null when the case passed. */
  reason: string | null;
  checks: CheckOutcome[];
  answer: string | null;
  toolCalls: Array<{ name: string; arguments: unknown }> | null;
  /** The gateway's HTTP status for the case's request. */
  status: number;
  servedBy: string | null;
  requestId: string | null;
  latencyMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number;
  createdAt: number;
}
