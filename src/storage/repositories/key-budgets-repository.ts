import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, KeyBudgetsTable } from '../schema.js';

export type BudgetPeriod = 'daily' | 'weekly' | 'monthly';

export interface KeyBudgetRecord {
  id: string;
  keyId: string;
  period: BudgetPeriod;
  limitNanoUsd: number;
  warningBps: number | null;
  createdAt: number;
  updatedAt: number;
}

export type KeyBudgetInput = Pick<KeyBudgetRecord, 'keyId' | 'period' | 'limitNanoUsd' | 'warningBps'>;

export class KeyBudgetsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<KeyBudgetRecord[]> {
    const rows = await this.db.selectFrom('key_budgets').selectAll().orderBy('created_at').execute();
    return rows.map(toRecord);
  }

  /** One budget per key and period: setting it again replaces the limit and threshold. */
  async upsert(input: KeyBudgetInput): Promise<KeyBudgetRecord> {
    const now = Date.now();
    const existing = await this.db
      .selectFrom('key_budgets')
      .selectAll()
      .where('key_id', '=', input.keyId)
      .where('period', '=', input.period)
      .executeTakeFirst();
    if (existing !== undefined) {
      await this.db
        .updateTable('key_budgets')
        .set({ limit_nano_usd: input.limitNanoUsd, warning_bps: input.warningBps, updated_at: now })
        .where('id', '=', existing.id)
        .execute();
      return { ...toRecord(existing), limitNanoUsd: input.limitNanoUsd, warningBps: input.warningBps, updatedAt: now };
    }
    const row = {
      id: randomUUID(),
      key_id: input.keyId,
      period: input.period,
      limit_nano_usd: input.limitNanoUsd,
      warning_bps: input.warningBps,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('key_budgets').values(row).execute();
    return toRecord(row);
  }

  /** What a key spent since a time, from the request log (nano-USD; bigint sums arrive as strings on PostgreSQL). */
  async spentSince(keyId: string, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('request_logs')
      .select((eb) => eb.fn.sum<number | string | null>(eb.fn.coalesce('cost_nano_usd', sql.lit(0))).as('spent'))
      .where('api_key_id', '=', keyId)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    return Number(row?.spent ?? 0);
  }
}

function toRecord(row: Selectable<KeyBudgetsTable>): KeyBudgetRecord {
  return {
    id: row.id,
    keyId: row.key_id,
    period: row.period as BudgetPeriod,
    limitNanoUsd: Number(row.limit_nano_usd),
    warningBps: row.warning_bps === null ? null : Number(row.warning_bps),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
