import type { Kysely } from 'kysely';

/**
 * Subscription (OAuth) accounts on `connections`: the sealed token set (refresh token, id token, second-level
 * tokens such as Copilot's), the access token's expiry, the account's state (`expired` with a reason after a failed
 * refresh, so routing skips it and the dashboard says "reconnect"), who the account is, and the quota windows the
 * upstream last reported. All nullable: API-key connections leave them empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('connections').addColumn('oauth_tokens', 'text').execute();
  await db.schema.alterTable('connections').addColumn('token_expires_at', 'bigint').execute();
  await db.schema.alterTable('connections').addColumn('oauth_status', 'text').execute();
  await db.schema.alterTable('connections').addColumn('oauth_reason', 'text').execute();
  await db.schema.alterTable('connections').addColumn('account', 'text').execute();
  await db.schema.alterTable('connections').addColumn('quota', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['quota', 'account', 'oauth_reason', 'oauth_status', 'token_expires_at', 'oauth_tokens']) {
    await db.schema.alterTable('connections').dropColumn(column).execute();
  }
}
