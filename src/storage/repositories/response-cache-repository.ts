import type { Kysely, Selectable } from 'kysely';
import type { Database, ResponseCacheTable } from '../schema.js';

export type ResponseCacheRow = Selectable<ResponseCacheTable>;

/** The response cache's database tier. Portable SQL only: keyed upserts, deletes by expiry, counts. */
export class ResponseCacheRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The live entry for a key (an expired one reads as missing; the purge removes it later). */
  async get(key: string, now: number): Promise<ResponseCacheRow | undefined> {
    return this.db
      .selectFrom('response_cache')
      .selectAll()
      .where('key', '=', key)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  /** One transaction per batch; a key written again replaces its answer. */
  async upsertMany(rows: ResponseCacheRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        await trx
          .insertInto('response_cache')
          .values(row)
          .onConflict((conflict) =>
            conflict.column('key').doUpdateSet({
              answer: row.answer,
              bytes: row.bytes,
              created_at: row.created_at,
              expires_at: row.expires_at,
            }),
          )
          .execute();
      }
    });
  }

  /** Deletes up to `limit` expired entries, oldest first; returns how many went (callers loop in batches). */
  async deleteExpired(now: number, limit: number): Promise<number> {
    const doomed = this.db
      .selectFrom('response_cache')
      .select('key')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit);
    const result = await this.db.deleteFrom('response_cache').where('key', 'in', doomed).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('response_cache').execute();
  }

  async count(now: number): Promise<{ entries: number; bytes: number }> {
    const row = await this.db
      .selectFrom('response_cache')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('entries'),
        eb.fn.sum<number | string | null>('bytes').as('bytes'),
      ])
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return { entries: Number(row.entries), bytes: Number(row.bytes ?? 0) };
  }
}
