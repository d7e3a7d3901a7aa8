import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { AuditLogTable, Database } from '../schema.js';

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;

export interface AuditLogQuery {
  /** Rows with an id below this cursor (newest first paging). */
  before?: number;
  limit: number;
  /** Matches actions starting with this text: 'login.' finds every login attempt. */
  action?: string;
  actor?: string;
  /** Unix milliseconds, inclusive. */
  since?: number;
  /** Unix milliseconds, exclusive. */
  until?: number;
}

export class AuditLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** One transaction per batch: far cheaper than a commit per row. */
  async insertMany(rows: NewAuditLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      // SQLite caps bound variables per statement; 100 rows × 6 columns stays well under it.
      for (let start = 0; start < rows.length; start += 100) {
        await trx
          .insertInto('audit_log')
          .values(rows.slice(start, start + 100))
          .execute();
      }
    });
  }

  async list(query: AuditLogQuery): Promise<AuditLogRow[]> {
    let builder = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(query.limit);
    if (query.before !== undefined) builder = builder.where('id', '<', query.before);
    if (query.action !== undefined) {
      // LIKE with an explicit escape character: '_' and '%' in the filter match themselves (SQLite and PostgreSQL).
      const pattern = `${query.action.replace(/[!%_]/g, (character) => `!${character}`)}%`;
      builder = builder.where(sql<boolean>`${sql.ref('action')} like ${pattern} escape '!'`);
    }
    if (query.actor !== undefined) builder = builder.where('actor', '=', query.actor);
    if (query.since !== undefined) builder = builder.where('created_at', '>=', query.since);
    if (query.until !== undefined) builder = builder.where('created_at', '<', query.until);
    return builder.execute();
  }

  /**
   * Deletes up to `limit` entries created before `cutoff`, oldest first; returns how many went. Callers loop in
   * batches (RetentionPurge) so a huge purge never holds the (synchronous) SQLite connection for long.
   */
  async deleteOlderThan(cutoff: number, limit: number): Promise<number> {
    const doomed = this.db
      .selectFrom('audit_log')
      .select('id')
      .where('created_at', '<', cutoff)
      .orderBy('created_at')
      .limit(limit);
    const result = await this.db.deleteFrom('audit_log').where('id', 'in', doomed).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
