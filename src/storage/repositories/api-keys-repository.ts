import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { type KeyPolicy, parseStoredPolicy } from '../../governance/key-policy.js';
import type { ApiKeysTable, Database } from '../schema.js';

export type KeyScope = 'manage';

export interface ApiKeyRecord {
  id: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  scopes: KeyScope[];
  createdAt: number;
  revokedAt: number | null;
  policy: KeyPolicy;
  expiresAt: number | null;
  disabled: boolean;
}

/** The governance fields of a key, changeable after creation. */
export type KeyGovernanceFields = Pick<ApiKeyRecord, 'policy' | 'expiresAt' | 'disabled'>;

export type NewApiKey = Pick<ApiKeyRecord, 'name' | 'keyHash' | 'keyPrefix' | 'scopes'> & Partial<KeyGovernanceFields>;

export class ApiKeysRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
    return rows.map(toRecord);
  }

  async findByName(name: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('name', '=', name)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async create(key: NewApiKey): Promise<ApiKeyRecord> {
    const row = {
      id: randomUUID(),
      name: key.name,
      key_hash: key.keyHash,
      key_prefix: key.keyPrefix,
      scopes: JSON.stringify(key.scopes),
      created_at: Date.now(),
      revoked_at: null,
      policy: key.policy === undefined ? null : JSON.stringify(key.policy),
      expires_at: key.expiresAt ?? null,
      disabled: key.disabled === true ? 1 : 0,
    };
    await this.db.insertInto('api_keys').values(row).execute();
    return toRecord(row);
  }

  async replaceHash(id: string, keyHash: string, keyPrefix: string, scopes: KeyScope[]): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ key_hash: keyHash, key_prefix: keyPrefix, scopes: JSON.stringify(scopes) })
      .where('id', '=', id)
      .execute();
  }

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async updateGovernance(id: string, fields: KeyGovernanceFields): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({
        policy: JSON.stringify(fields.policy),
        expires_at: fields.expiresAt,
        disabled: fields.disabled ? 1 : 0,
      })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revoking keeps the row (usage rows still name it) but the key stops working at once. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: Date.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    keyPrefix: row.key_prefix,
    scopes: JSON.parse(row.scopes) as KeyScope[],
    createdAt: Number(row.created_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    policy: parseStoredPolicy(row.policy),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    disabled: Number(row.disabled) === 1,
  };
}
