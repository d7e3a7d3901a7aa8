import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Dashboard login sessions, stored by token hash so a leaked database holds no usable cookie. */
export class DashboardSessionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(tokenHash: string, expiresAt: number): Promise<void> {
    await this.db
      .insertInto('dashboard_sessions')
      .values({ token_hash: tokenHash, created_at: Date.now(), expires_at: expiresAt })
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

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('dashboard_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpired(now: number): Promise<void> {
    await this.db.deleteFrom('dashboard_sessions').where('expires_at', '<=', now).execute();
  }
}
