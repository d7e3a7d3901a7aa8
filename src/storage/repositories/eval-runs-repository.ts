import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { CheckOutcome } from '../../evals/check-answer.js';
import { type EvalResult, type EvalRun, type EvalRunStatus, evalRunStatuses } from '../../evals/eval-run.js';
import type { EvalSuiteDefinition } from '../../evals/eval-suite.js';
import type { TargetTally } from '../../evals/summarize-run.js';
import { fromNanoUsd, toNanoUsd } from '../../usage/compute-cost.js';
import type { Database, EvalResultsTable, EvalRunsTable } from '../schema.js';

export type NewEvalRun = Omit<EvalRun, 'id' | 'status' | 'createdAt' | 'finishedAt'>;

/** Eval runs and their per-case results. Results are inserted one by one as cases finish, never batched in memory. */
export class EvalRunsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(run: NewEvalRun): Promise<EvalRun> {
    const created: EvalRun = { ...run, id: randomUUID(), status: 'running', createdAt: Date.now(), finishedAt: null };
    await this.db
      .insertInto('eval_runs')
      .values({
        id: created.id,
        suite_id: run.suiteId,
        suite_name: run.suiteName,
        suite: JSON.stringify(run.suite),
        targets: JSON.stringify(run.targets),
        status: created.status,
        concurrency: run.concurrency,
        total: run.total,
        rerun_of: run.rerunOf,
        created_at: created.createdAt,
        finished_at: null,
        heartbeat_at: created.createdAt,
      })
      .execute();
    return created;
  }

  async get(id: string): Promise<EvalRun | undefined> {
    const row = await this.db.selectFrom('eval_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toRun(row);
  }

  /** Newest first. */
  async list(limit: number): Promise<EvalRun[]> {
    const rows = await this.db.selectFrom('eval_runs').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(toRun);
  }

  /** Ends a run; a run that already ended keeps its status (a cancel racing the last case changes nothing). */
  async finish(id: string, status: Exclude<EvalRunStatus, 'running'>): Promise<void> {
    await this.db
      .updateTable('eval_runs')
      .set({ status, finished_at: Date.now() })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  /** Runs this process is running are alive: their heartbeat moves on. */
  async heartbeat(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('eval_runs')
      .set({ heartbeat_at: Date.now() })
      .where('id', 'in', ids)
      .where('status', '=', 'running')
      .execute();
  }

  /**
   * Marks `running` runs no process runs any more as interrupted: all of them (a process that owns the database
   * alone, at start), or those whose heartbeat is older than `staleBefore` (several processes share it).
   */
  async interruptLeftovers(staleBefore?: number): Promise<number> {
    let query = this.db
      .updateTable('eval_runs')
      .set({ status: 'interrupted', finished_at: Date.now() })
      .where('status', '=', 'running');
    if (staleBefore !== undefined) query = query.where('heartbeat_at', '<', staleBefore);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async delete(id: string): Promise<boolean> {
    await this.db.deleteFrom('eval_results').where('run_id', '=', id).execute();
    const result = await this.db.deleteFrom('eval_runs').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async insertResult(result: Omit<EvalResult, 'createdAt'>): Promise<void> {
    await this.db
      .insertInto('eval_results')
      .values({
        id: randomUUID(),
        run_id: result.runId,
        target: result.target,
        case_index: result.caseIndex,
        case_name: result.caseName,
        passed: result.passed ? 1 : 0,
        reason: result.reason,
        checks: JSON.stringify(result.checks),
        answer: result.answer,
        tool_calls: result.toolCalls === null ? null : JSON.stringify(result.toolCalls),
        status: result.status,
        served_by: result.servedBy,
        request_id: result.requestId,
        latency_ms: Math.round(result.latencyMs),
        input_tokens: result.inputTokens,
        output_tokens: result.outputTokens,
        cost_nano_usd: toNanoUsd(result.costUsd),
        created_at: Date.now(),
      })
      .execute();
  }

  /** In case order, then in the order they finished. */
  async results(runId: string): Promise<EvalResult[]> {
    const rows = await this.db
      .selectFrom('eval_results')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('case_index')
      .orderBy('created_at')
      .execute();
    return rows.map(toResult);
  }

  /**
   * The summed results per run and target of several runs (a listing page), in one aggregate query: listings never
   * load the results themselves. Runs without results are missing from the map.
   */
  async tallies(runIds: readonly string[]): Promise<Map<string, TargetTally[]>> {
    const byRun = new Map<string, TargetTally[]>();
    if (runIds.length === 0) return byRun;
    // PostgreSQL returns count/sum of integers as strings (bigint/numeric): every figure goes through Number().
    const rows = await this.db
      .selectFrom('eval_results')
      .select((eb) => [
        'run_id',
        'target',
        eb.fn.countAll<number | string>().as('done'),
        eb.fn.sum<number | string>('passed').as('passed'),
        sql<number | string>`sum(case when ${eb.ref('status')} < 400 then 1 else 0 end)`.as('answered'),
        sql<number | string>`sum(case when ${eb.ref('status')} < 400 then ${eb.ref('latency_ms')} else 0 end)`.as(
          'answered_latency_ms',
        ),
        eb.fn.sum<number | string>('cost_nano_usd').as('cost_nano_usd'),
        eb.fn.sum<number | string | null>('input_tokens').as('input_tokens'),
        eb.fn.sum<number | string | null>('output_tokens').as('output_tokens'),
      ])
      .where('run_id', 'in', runIds)
      .groupBy(['run_id', 'target'])
      .execute();
    for (const row of rows) {
      const tally: TargetTally = {
        target: row.target,
        done: Number(row.done),
        passed: Number(row.passed),
        answered: Number(row.answered),
        answeredLatencyMs: Number(row.answered_latency_ms),
        costUsd: fromNanoUsd(Number(row.cost_nano_usd)),
        inputTokens: Number(row.input_tokens ?? 0),
        outputTokens: Number(row.output_tokens ?? 0),
      };
      const tallies = byRun.get(row.run_id);
      if (tallies === undefined) byRun.set(row.run_id, [tally]);
      else tallies.push(tally);
    }
    return byRun;
  }
}

function toRun(row: Selectable<EvalRunsTable>): EvalRun {
  const status = evalRunStatuses.find((known) => known === row.status) ?? 'interrupted';
  return {
    id: row.id,
    suiteId: row.suite_id,
    suiteName: row.suite_name,
    suite: JSON.parse(row.suite) as EvalSuiteDefinition,
    targets: JSON.parse(row.targets) as string[],
    status,
    concurrency: Number(row.concurrency),
    total: Number(row.total),
    rerunOf: row.rerun_of,
    createdAt: Number(row.created_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

function toResult(row: Selectable<EvalResultsTable>): EvalResult {
  return {
    runId: row.run_id,
    target: row.target,
    caseIndex: Number(row.case_index),
    caseName: row.case_name,
    passed: Number(row.passed) === 1,
    reason: row.reason,
    checks: JSON.parse(row.checks) as CheckOutcome[],
    answer: row.answer,
    toolCalls: row.tool_calls === null ? null : (JSON.parse(row.tool_calls) as EvalResult['toolCalls']),
    status: Number(row.status),
    servedBy: row.served_by,
    requestId: row.request_id,
    latencyMs: Number(row.latency_ms),
    inputTokens: row.input_tokens === null ? null : Number(row.input_tokens),
    outputTokens: row.output_tokens === null ? null : Number(row.output_tokens),
    costUsd: fromNanoUsd(Number(row.cost_nano_usd)),
    createdAt: Number(row.created_at),
  };
}
