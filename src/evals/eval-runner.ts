import { errorMessage, GatewayError } from '../core/errors.js';
import type { Logger } from '../observability/logger.js';
import type { EvalRunsRepository } from '../storage/repositories/eval-runs-repository.js';
import { checkAnswer } from './check-answer.js';
import type { EvalCaller, EvalCallResult } from './eval-generation-route.js';
import { buildEvalRequest, errorMessageOf, readChatAnswer } from './eval-request.js';
import type { EvalResult, EvalRun } from './eval-run.js';
import type { EvalSettings } from './eval-settings.js';
import type { EvalCase, EvalSuiteDefinition } from './eval-suite.js';

export interface StartEvalRun {
  suite: EvalSuiteDefinition;
  suiteId: string | null;
  targets: string[];
  concurrency: number;
  rerunOf?: string;
}

interface ActiveRun {
  controller: AbortController;
  done: number;
  /** Why it stops early: a user's cancel, or the gateway shutting down. */
  stopping?: 'cancelled' | 'interrupted';
  settled?: Promise<void>;
}

interface WorkItem {
  entry: EvalCase;
  caseIndex: number;
  target: string;
}

type NewResult = Omit<EvalResult, 'createdAt'>;

const heartbeatMs = 10_000;
/** Six missed heartbeats: long enough for a busy database, short enough that a crashed run is marked soon. */
const staleAfterMs = 60_000;

/**
 * Runs eval suites in the background: every case against every target, at most `concurrency` requests at once,
 * each result stored as soon as it is known. A run ends `finished`, `cancelled` (by a user) or `interrupted` (the
 * gateway stopped; runs a crashed process left `running` are marked so at the next start by `recover`).
 */
export class EvalRunner {
  private readonly active = new Map<string, ActiveRun>();
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      runs: EvalRunsRepository;
      call: EvalCaller;
      settings: () => EvalSettings;
      logger: Logger;
      /** True when no other process uses the database (SQLite): every `running` run found at start is dead. */
      exclusive: boolean;
    },
  ) {}

  /**
   * Marks runs no process runs any more as interrupted: at start (all of them when the database is ours alone), then
   * periodically those whose heartbeat stopped, for gateways that share PostgreSQL and may crash.
   */
  async recover(): Promise<void> {
    await this.interruptLeftovers(this.options.exclusive ? undefined : Date.now() - staleAfterMs);
    this.timer = setInterval(() => {
      void this.options.runs
        .heartbeat([...this.active.keys()])
        .then(() => this.interruptLeftovers(Date.now() - staleAfterMs))
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'eval run heartbeat failed'));
    }, heartbeatMs);
    this.timer.unref();
  }

  private async interruptLeftovers(staleBefore: number | undefined): Promise<void> {
    const count = await this.options.runs.interruptLeftovers(staleBefore);
    if (count > 0) this.options.logger.info({ count }, 'eval runs no process was running marked interrupted');
  }

  async start(input: StartEvalRun): Promise<EvalRun> {
    if (this.closed) throw new GatewayError('shutting_down', 'The gateway is shutting down.');
    const run = await this.options.runs.create({
      suiteId: input.suiteId,
      suiteName: input.suite.name,
      suite: input.suite,
      targets: input.targets,
      concurrency: input.concurrency,
      total: input.suite.cases.length * input.targets.length,
      rerunOf: input.rerunOf ?? null,
    });
    const active: ActiveRun = { controller: new AbortController(), done: 0 };
    this.active.set(run.id, active);
    active.settled = this.execute(run, active)
      .catch(async (error: unknown) => {
        // A storage failure mid-run: the results written so far stay, the run is not left `running`.
        this.options.logger.error({ runId: run.id, err: error }, 'eval run failed');
        active.controller.abort();
        await this.options.runs.finish(run.id, 'interrupted').catch(() => {});
      })
      .finally(() => this.active.delete(run.id));
    return run;
  }

  /** Cases finished so far, while the run is in progress in this process. */
  progress(runId: string): number | undefined {
    return this.active.get(runId)?.done;
  }

  /** Stops a run: cases in flight are abandoned (not stored), the rest never start. False when it is not running. */
  async cancel(runId: string): Promise<boolean> {
    const active = this.active.get(runId);
    if (active === undefined) return false;
    active.stopping ??= 'cancelled';
    active.controller.abort();
    await active.settled;
    return true;
  }

  /** On shutdown: every running run is marked interrupted before storage closes. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const runs = [...this.active.entries()];
    for (const [id, active] of runs) {
      active.stopping = 'interrupted';
      active.controller.abort();
      await this.options.runs.finish(id, 'interrupted');
    }
    await Promise.allSettled(runs.map(([, active]) => active.settled));
  }

  private async execute(run: EvalRun, active: ActiveRun): Promise<void> {
    const items: WorkItem[] = run.suite.cases.flatMap((entry, caseIndex) =>
      run.targets.map((target) => ({ entry, caseIndex, target })),
    );
    const { signal } = active.controller;
    let next = 0;
    const worker = async () => {
      while (!signal.aborted && next < items.length) {
        const item = items[next++]!;
        const result = await this.runCase(run.id, item, signal);
        if (result === undefined || signal.aborted) return;
        await this.options.runs.insertResult(result);
        active.done += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(run.concurrency, items.length) }, worker));
    // An interrupted run was marked by close() already.
    if (active.stopping !== 'interrupted') await this.options.runs.finish(run.id, active.stopping ?? 'finished');
  }

  /** One case against one target; undefined when the run was stopped while it was in flight. */
  private async runCase(runId: string, item: WorkItem, signal: AbortSignal): Promise<NewResult | undefined> {
    const { entry, caseIndex, target } = item;
    const timeoutMs = this.options.settings().caseTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const base = { runId, target, caseIndex, caseName: entry.name };
    const started = performance.now();
    let response: EvalCallResult;
    try {
      response = await this.options.call(buildEvalRequest(entry, target), AbortSignal.any([signal, timeout]));
    } catch (error) {
      if (signal.aborted) return undefined;
      const reason = timeout.aborted ? `timed out after ${timeoutMs} ms` : `request failed: ${errorMessage(error)}`;
      return failedResult(base, entry, { status: timeout.aborted ? 504 : 500, reason, latencyMs: timeoutMs });
    }
    const latencyMs = performance.now() - started;
    const requestId = headerOf(response, 'x-omniroute-request-id') ?? null;
    if (response.status >= 400) {
      const message = errorMessageOf(response.body, JSON.stringify(response.body));
      const reason = `request failed (${response.status}): ${message}`;
      return { ...failedResult(base, entry, { status: response.status, reason, latencyMs }), requestId };
    }
    const answer = readChatAnswer(response.body);
    const costUsd = Number(headerOf(response, 'x-omniroute-cost') ?? 0) || 0;
    const priced = headerOf(response, 'x-omniroute-priced') === 'true';
    const checks = checkAnswer({ ...answer, latencyMs, costUsd, priced }, entry.checks);
    const failed = checks.find((check) => !check.passed);
    const provider = headerOf(response, 'x-omniroute-provider');
    const model = headerOf(response, 'x-omniroute-model');
    return {
      ...base,
      passed: failed === undefined,
      reason: failed === undefined ? null : `${failed.type}: ${failed.reason}`,
      checks,
      answer: answer.text,
      toolCalls: answer.toolCalls.length === 0 ? null : answer.toolCalls,
      status: response.status,
      servedBy: provider === undefined || model === undefined ? null : `${provider}/${model}`,
      requestId,
      latencyMs,
      inputTokens: answer.inputTokens,
      outputTokens: answer.outputTokens,
      costUsd,
    };
  }
}

/** A case whose request failed: every check fails with the request's reason. */
function failedResult(
  base: Pick<NewResult, 'runId' | 'target' | 'caseIndex' | 'caseName'>,
  entry: EvalCase,
  failure: { status: number; reason: string; latencyMs: number },
): NewResult {
  return {
    ...base,
    passed: false,
    reason: failure.reason,
    checks: entry.checks.map((check) => ({ type: check.type, passed: false, reason: 'not checked: no answer' })),
    answer: null,
    toolCalls: null,
    status: failure.status,
    servedBy: null,
    requestId: null,
    latencyMs: failure.latencyMs,
    inputTokens: null,
    outputTokens: null,
    costUsd: 0,
  };
}

function headerOf(response: EvalCallResult, name: string): string | undefined {
  const value = response.headers[name];
  return value === undefined ? undefined : String(Array.isArray(value) ? value[0] : value);
}
