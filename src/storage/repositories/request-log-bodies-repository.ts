import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, RequestLogBodiesTable } from '../schema.js';

export type RequestLogBodyRow = Selectable<RequestLogBodiesTable>;
export type NewRequestLogBodyRow = Insertable<RequestLogBodiesTable>;

/** Stored request/response bodies (detailed request logging), keyed by the request id of their log row. */
export class RequestLogBodiesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertMany(rows: NewRequestLogBodyRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (let start = 0; start < rows.length; start += 100) {
        await trx
          .insertInto('request_log_bodies')
          .values(rows.slice(start, start + 100))
          .onConflict((conflict) => conflict.column('request_id').doNothing())
          .execute();
      }
    });
  }

  async get(requestId: string): Promise<RequestLogBodyRow | undefined> {
    return this.db.selectFrom('request_log_bodies').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  }

  /** Deletes up to `limit` bodies created before `cutoff`; returns how many went. */
  async deleteOlderThan(cutoff: number, limit: number): Promise<number> {
    const doomed = this.db
      .selectFrom('request_log_bodies')
      .select('request_id')
      .where('created_at', '<', cutoff)
      .limit(limit);
    const result = await this.db.deleteFrom('request_log_bodies').where('request_id', 'in', doomed).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
