import { type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';
import { type RequestLogFilter, requestLogCondition } from './request-log-filter.js';

export type UsageGroupBy = 'provider' | 'model' | 'key' | 'connection' | 'combo';

export interface UsageTotals {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costNanoUsd: number;
  /** Successful requests whose cost is unknown (no price, or no usage reported). */
  unpricedRequests: number;
  /** Requests answered from the response cache or as idempotent repeats, and what their answers first cost. */
  cacheHits: number;
  costSavedNanoUsd: number;
}

export interface UsageBucket extends UsageTotals {
  /** Start of the bucket, unix ms (UTC: buckets are multiples of the bucket length since the epoch). */
  start: number;
  /** The group's value (provider id, `provider/model`, key id, connection id, combo name); null when not grouped. */
  group: string | null;
}

/**
 * Aggregates over `request_logs` in SQL (one GROUP BY, never rows in memory). Portable between SQLite and
 * PostgreSQL: buckets are integer division of the millisecond timestamp, not engine date functions, and every
 * aggregate is converted with Number() because PostgreSQL returns bigint sums as strings.
 */
export class UsageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async history(input: { filter: RequestLogFilter; bucketMs: number; groupBy?: UsageGroupBy }): Promise<UsageBucket[]> {
    const { filter, bucketMs, groupBy } = input;
    if (!Number.isSafeInteger(bucketMs) || bucketMs <= 0) throw new RangeError('bucketMs must be a positive integer');
    // A literal, not a parameter: PostgreSQL only matches GROUP BY to the select list when the text is identical.
    const bucket = sql<number>`(created_at / ${sql.lit(bucketMs)}) * ${sql.lit(bucketMs)}`;
    const rows = await this.db
      .selectFrom('request_logs')
      .select((eb) => [bucket.as('bucket'), groupExpression(groupBy).as('group_key'), ...aggregates(eb)])
      .where((eb) => requestLogCondition(eb, filter))
      .groupBy(['bucket', 'group_key'])
      .orderBy('bucket')
      .orderBy('group_key')
      .execute();
    return rows.map((row) => ({
      start: Number(row.bucket),
      group: row.group_key === null ? null : String(row.group_key),
      ...toTotals(row),
    }));
  }

  async totals(filter: RequestLogFilter): Promise<UsageTotals & { lastRequestAt: number | null }> {
    const row = await this.db
      .selectFrom('request_logs')
      .select((eb) => [...aggregates(eb), eb.fn.max('created_at').as('last_at')])
      .where((eb) => requestLogCondition(eb, filter))
      .executeTakeFirstOrThrow();
    return { ...toTotals(row), lastRequestAt: row.last_at === null ? null : Number(row.last_at) };
  }
}

/** The group's column (or expression), as raw SQL so every case has the same type. */
function groupExpression(groupBy: UsageGroupBy | undefined): RawBuilder<string | null> {
  const column = (name: string) => sql<string | null>`${sql.ref(name)}`;
  switch (groupBy) {
    case undefined:
      return sql<string | null>`null`;
    case 'provider':
      return column('provider');
    case 'model':
      return sql<string | null>`provider || '/' || model`;
    case 'key':
      return column('api_key_id');
    case 'connection':
      return column('connection_id');
    case 'combo':
      return column('combo');
    default: {
      const unknown: never = groupBy;
      throw new RangeError(`unknown groupBy ${String(unknown)}`);
    }
  }
}

function aggregates(eb: ExpressionBuilder<Database, 'request_logs'>) {
  const sumOf = (column: Expression<number | null>) =>
    eb.fn.sum<number | string | null>(eb.fn.coalesce(column, sql.lit(0)));
  return [
    eb.fn.countAll<number | string>().as('requests'),
    eb.fn.sum<number | string | null>(eb.case().when('status', '>=', 400).then(1).else(0).end()).as('errors'),
    sumOf(eb.ref('input_tokens')).as('input_tokens'),
    sumOf(eb.ref('output_tokens')).as('output_tokens'),
    sumOf(eb.ref('cached_tokens')).as('cached_tokens'),
    sumOf(eb.ref('cache_write_tokens')).as('cache_write_tokens'),
    sumOf(eb.ref('reasoning_tokens')).as('reasoning_tokens'),
    sumOf(eb.ref('cost_nano_usd')).as('cost_nano_usd'),
    eb.fn
      .sum<number | string | null>(
        eb
          .case()
          .when(eb.and([eb('status', '<', 400), eb.or([eb('priced', 'is', null), eb('priced', '=', 0)])]))
          .then(1)
          .else(0)
          .end(),
      )
      .as('unpriced'),
    eb.fn
      .sum<number | string | null>(eb.case().when('cache_status', 'in', ['hit', 'idempotent']).then(1).else(0).end())
      .as('cache_hits'),
    sumOf(eb.ref('cost_saved_nano_usd')).as('cost_saved_nano_usd'),
  ] as const;
}

type AggregateRow = {
  requests: number | string;
  errors: number | string | null;
  input_tokens: number | string | null;
  output_tokens: number | string | null;
  cached_tokens: number | string | null;
  cache_write_tokens: number | string | null;
  reasoning_tokens: number | string | null;
  cost_nano_usd: number | string | null;
  unpriced: number | string | null;
  cache_hits: number | string | null;
  cost_saved_nano_usd: number | string | null;
};

function toTotals(row: AggregateRow): UsageTotals {
  return {
    requests: Number(row.requests),
    errors: Number(row.errors ?? 0),
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    cachedTokens: Number(row.cached_tokens ?? 0),
    cacheWriteTokens: Number(row.cache_write_tokens ?? 0),
    reasoningTokens: Number(row.reasoning_tokens ?? 0),
    costNanoUsd: Number(row.cost_nano_usd ?? 0),
    unpricedRequests: Number(row.unpriced ?? 0),
    cacheHits: Number(row.cache_hits ?? 0),
    costSavedNanoUsd: Number(row.cost_saved_nano_usd ?? 0),
  };
}
