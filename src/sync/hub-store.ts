import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

export interface SyncTokenView {
  id: string;
  name: string;
  space: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface StoredBundle {
  version: number;
  bundle: string;
}

/** Sync tokens are 256-bit random strings, so an unsalted SHA-256 at rest is enough (as for client keys). */
function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The hub's storage: tokens (hashes only) and one opaque, already encrypted bundle per space. */
export class HubStore {
  constructor(private readonly db: Kysely<Database>) {}

  async issueToken(space: string, name: string): Promise<{ token: string; view: SyncTokenView }> {
    const token = `ors-${randomBytes(32).toString('base64url')}`;
    const view = { id: randomUUID(), name, space, createdAt: Date.now(), lastUsedAt: null };
    await this.db
      .insertInto('sync_tokens')
      .values({
        id: view.id,
        token_hash: hashToken(token),
        space,
        name,
        created_at: view.createdAt,
        last_used_at: null,
      })
      .execute();
    return { token, view };
  }

  async listTokens(): Promise<SyncTokenView[]> {
    const rows = await this.db.selectFrom('sync_tokens').selectAll().orderBy('created_at').execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      space: row.space,
      createdAt: Number(row.created_at),
      lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    }));
  }

  async revokeToken(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('sync_tokens').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The space a token may use, or undefined for an unknown token. */
  async spaceOf(token: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('sync_tokens')
      .select(['id', 'space'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (row === undefined) return undefined;
    await this.db.updateTable('sync_tokens').set({ last_used_at: Date.now() }).where('id', '=', row.id).execute();
    return row.space;
  }

  async getBundle(space: string): Promise<StoredBundle | undefined> {
    const row = await this.db
      .selectFrom('sync_bundles')
      .select(['version', 'bundle'])
      .where('space', '=', space)
      .executeTakeFirst();
    return row && { version: Number(row.version), bundle: row.bundle };
  }

  /**
   * Writes the bundle when `expected` is the current version (undefined: the space must be empty). The check and
   * the write are one statement, so two instances pushing at once cannot both win. Returns the new version.
   */
  async putBundle(space: string, bundle: string, expected: number | undefined): Promise<number | undefined> {
    const now = Date.now();
    if (expected === undefined) {
      const result = await this.db
        .insertInto('sync_bundles')
        .values({ space, version: 1, bundle, updated_at: now })
        .onConflict((conflict) => conflict.column('space').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 1 : undefined;
    }
    const result = await this.db
      .updateTable('sync_bundles')
      .set({ version: expected + 1, bundle, updated_at: now })
      .where('space', '=', space)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? expected + 1 : undefined;
  }
}
