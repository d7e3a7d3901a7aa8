import type { Kysely } from 'kysely';

/**
 * Evals: user suites (cases as JSON), runs (with a snapshot of the suite they ran, so results stay readable after the
 * suite changes) and one result row per target and case, written as each case finishes so a restart loses nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('eval_suites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('cases', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('eval_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('suite_id', 'text')
    .addColumn('suite_name', 'text', (c) => c.notNull())
    /** JSON: the suite definition as it was when the run started. */
    .addColumn('suite', 'text', (c) => c.notNull())
    /** JSON array of model or combo names. */
    .addColumn('targets', 'text', (c) => c.notNull())
    /** running | finished | cancelled | interrupted */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('concurrency', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('rerun_of', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    /** Refreshed by the process running it; a running run whose heartbeat stops is marked interrupted. */
    .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('eval_runs_created').on('eval_runs').column('created_at').execute();
  await db.schema
    .createTable('eval_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('case_index', 'integer', (c) => c.notNull())
    .addColumn('case_name', 'text', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    /** The first failing check's reason (or the request's error); null when the case passed. */
    .addColumn('reason', 'text')
    /** JSON array of `{type, passed, reason}`. */
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    /** JSON array of `{name, arguments}`; null when no tool was called. */
    .addColumn('tool_calls', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('served_by', 'text')
    .addColumn('request_id', 'text')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('input_tokens', 'integer')
    .addColumn('output_tokens', 'integer')
    .addColumn('cost_nano_usd', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('eval_results_run').on('eval_results').columns(['run_id', 'case_index']).execute();
}
