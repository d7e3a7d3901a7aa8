import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Dashboard login sessions, stored by token hash so a leaked database holds no usable cookie. */
export class DashboardSessionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(tokenHash: string, expiresAt: number, createdAt = Date.now()): Promise<void> {
    await this.db
      .insertInto('dashboard_sessions')
      .values({ token_hash: tokenHash, created_at: createdAt, expires_at: expiresAt })
      .execute();
  }

  async isValid(tokenHash: string, now: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('dashboard_sessions')
      .select('expires_at')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row !== undefined && Number(row.expires_at) > now;
  }

  async find(tokenHash: string): Promise<{ createdAt: number; expiresAt: number } | undefined> {
    const row = await this.db
      .selectFrom('dashboard_sessions')
      .select(['created_at', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && { createdAt: Number(row.created_at), expiresAt: Number(row.expires_at) };
  }

  async extend(tokenHash: string, expiresAt: number): Promise<void> {
    await this.db
      .updateTable('dashboard_sessions')
      .set({ expires_at: expiresAt })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  /** Ends every session but the one given (all of them when none is): after a password change. */
  async deleteAllExcept(tokenHash: string | undefined): Promise<number> {
    let builder = this.db.deleteFrom('dashboard_sessions');
    if (tokenHash !== undefined) builder = builder.where('token_hash', '!=', tokenHash);
    const result = await builder.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('dashboard_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpired(now: number): Promise<void> {
    await this.db.deleteFrom('dashboard_sessions').where('expires_at', '<=', now).execute();
  }
}
