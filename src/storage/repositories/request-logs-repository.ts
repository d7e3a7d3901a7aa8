import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, RequestLogsTable } from '../schema.js';

export type RequestLogRow = Selectable<RequestLogsTable>;
export type NewRequestLogRow = Insertable<RequestLogsTable>;

export interface RequestLogQuery {
  /** Rows with an id below this cursor (newest first paging). */
  before?: number;
  limit: number;
  provider?: string;
  status?: number;
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
    let builder = this.db.selectFrom('request_logs').selectAll().orderBy('id', 'desc').limit(query.limit);
    if (query.before !== undefined) builder = builder.where('id', '<', query.before);
    if (query.provider !== undefined) builder = builder.where('provider', '=', query.provider);
    if (query.status !== undefined) builder = builder.where('status', '=', query.status);
    return builder.execute();
  }
}
