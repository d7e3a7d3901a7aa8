import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, RequestLogsTable } from '../schema.js';
import { type RequestLogFilter, requestLogCondition } from './request-log-filter.js';

export type RequestLogRow = Selectable<RequestLogsTable>;
export type NewRequestLogRow = Insertable<RequestLogsTable>;

export interface RequestLogQuery extends RequestLogFilter {
  /** Rows with an id below this cursor (newest first paging). */
  before?: number;
  limit: number;
}

export class RequestLogsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** One transaction per batch: far cheaper than a commit per row. */
  async insertMany(rows: NewRequestLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      // SQLite caps bound variables per statement; 50 rows × 20 columns stays well under it.
      for (let start = 0; start < rows.length; start += 50) {
        await trx
          .insertInto('request_logs')
          .values(rows.slice(start, start + 50))
          .execute();
      }
    });
  }

  async list(query: RequestLogQuery): Promise<RequestLogRow[]> {
    let builder = this.db
      .selectFrom('request_logs')
      .selectAll()
      .where((eb) => requestLogCondition(eb, query))
      .orderBy('id', 'desc')
      .limit(query.limit);
    if (query.before !== undefined) builder = builder.where('id', '<', query.before);
    return builder.execute();
  }

  /** One row by its numeric id or by its request id (the `x-omniroute-request-id` header). */
  async get(id: string): Promise<RequestLogRow | undefined> {
    const byId = /^\d{1,15}$/.test(id);
    return this.db
      .selectFrom('request_logs')
      .selectAll()
      .where(byId ? 'id' : 'request_id', '=', byId ? Number(id) : id)
      .executeTakeFirst();
  }

  /**
   * Deletes up to `limit` rows created before `cutoff`, oldest first; returns how many went. Callers loop in
   * batches so a huge purge never holds the (synchronous) SQLite connection for long.
   */
  async deleteOlderThan(cutoff: number, limit: number): Promise<number> {
    const doomed = this.db
      .selectFrom('request_logs')
      .select('id')
      .where('created_at', '<', cutoff)
      .orderBy('created_at')
      .limit(limit);
    const result = await this.db.deleteFrom('request_logs').where('id', 'in', doomed).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
