import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ConnectionsTable, Database } from '../schema.js';
import type { SecretBox } from '../secret-box.js';

export type AuthType = 'api-key' | 'none' | 'oauth';

/** A provider account, with its secret already opened. Never log or return this object as is. */
export interface ConnectionRecord {
  id: string;
  provider: string;
  name: string;
  authType: AuthType;
  apiKey: string | null;
  baseUrl: string | null;
  priority: number;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
  /** The last connection test, when one ran. */
  lastTest?: ConnectionTest;
  /** This account's own proxy for upstream calls (may hold credentials); null or absent: global or environment. */
  proxyUrl?: string | null;
  /** Subscription (OAuth) accounts only: token expiry, state, who the account is, reported quota windows. */
  oauth?: OAuthAccountState;
}

/** The visible side of an OAuth account; its tokens live sealed in `oauth_tokens` (see oauth-tokens-repository). */
export interface OAuthAccountState {
  /** `expired`: a refresh failed, routing skips the account until it is reconnected. */
  status: 'active' | 'expired';
  reason: string | null;
  /** Access-token expiry, unix ms. */
  expiresAt: number | null;
  /** Email or account id, when the provider tells it. */
  account: string | null;
  /** Quota/usage windows the upstream last reported (JSON as stored). */
  quota: unknown;
}

/** The outcome of one minimal upstream call through a connection (`POST /api/providers/:id/test`). */
export interface ConnectionTest {
  ok: boolean;
  /** The upstream's HTTP status; null when no answer came (unreachable, timeout). */
  status: number | null;
  message: string;
  latencyMs: number;
  /** The model the test called, when one was found. */
  model: string | null;
  testedAt: number;
}

export interface NewConnection {
  provider: string;
  name: string;
  apiKey: string | null;
  baseUrl: string | null;
  priority: number;
  isActive: boolean;
  proxyUrl?: string | null;
}

export type ConnectionPatch = Partial<Omit<NewConnection, 'provider'>>;

const untested = {
  test_ok: null,
  test_status: null,
  test_message: null,
  test_latency_ms: null,
  test_model: null,
  tested_at: null,
} as const;

const noOAuth = {
  oauth_tokens: null,
  token_expires_at: null,
  oauth_status: null,
  oauth_reason: null,
  account: null,
  quota: null,
} as const;

export class ConnectionsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secrets: SecretBox,
  ) {}

  async list(): Promise<ConnectionRecord[]> {
    const rows = await this.db.selectFrom('connections').selectAll().orderBy('provider').orderBy('priority').execute();
    return rows.map((row) => this.toRecord(row));
  }

  async get(id: string): Promise<ConnectionRecord | undefined> {
    const row = await this.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.toRecord(row);
  }

  async findByName(provider: string, name: string): Promise<ConnectionRecord | undefined> {
    const row = await this.db
      .selectFrom('connections')
      .selectAll()
      .where('provider', '=', provider)
      .where('name', '=', name)
      .executeTakeFirst();
    return row && this.toRecord(row);
  }

  async countForProvider(provider: string): Promise<number> {
    const row = await this.db
      .selectFrom('connections')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('provider', '=', provider)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async create(connection: NewConnection): Promise<ConnectionRecord> {
    const now = Date.now();
    const row = {
      id: randomUUID(),
      provider: connection.provider,
      name: connection.name,
      auth_type: connection.apiKey === null ? 'none' : 'api-key',
      secret: connection.apiKey === null ? null : this.secrets.seal(connection.apiKey),
      base_url: connection.baseUrl,
      priority: connection.priority,
      is_active: connection.isActive ? 1 : 0,
      created_at: now,
      updated_at: now,
      proxy_url: connection.proxyUrl ? this.secrets.seal(connection.proxyUrl) : null,
    };
    await this.db.insertInto('connections').values(row).execute();
    return this.toRecord({ ...row, ...untested, ...noOAuth });
  }

  async update(id: string, patch: ConnectionPatch): Promise<ConnectionRecord | undefined> {
    const values: Partial<ConnectionsTable> = { updated_at: Date.now() };
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.apiKey !== undefined) {
      values.secret = patch.apiKey === null ? null : this.secrets.seal(patch.apiKey);
      values.auth_type = patch.apiKey === null ? 'none' : 'api-key';
    }
    if (patch.baseUrl !== undefined) values.base_url = patch.baseUrl;
    if (patch.priority !== undefined) values.priority = patch.priority;
    if (patch.isActive !== undefined) values.is_active = patch.isActive ? 1 : 0;
    if (patch.proxyUrl !== undefined)
      values.proxy_url = patch.proxyUrl === null ? null : this.secrets.seal(patch.proxyUrl);
    await this.db.updateTable('connections').set(values).where('id', '=', id).execute();
    return this.get(id);
  }

  /** Stores a test result; not a configuration change, so `updated_at` stays. */
  async recordTest(id: string, test: ConnectionTest): Promise<void> {
    await this.db
      .updateTable('connections')
      .set({
        test_ok: test.ok ? 1 : 0,
        test_status: test.status,
        test_message: test.message,
        test_latency_ms: test.latencyMs,
        test_model: test.model,
        tested_at: test.testedAt,
      })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  private toRecord(row: Selectable<ConnectionsTable>): ConnectionRecord {
    return {
      id: row.id,
      provider: row.provider,
      name: row.name,
      authType: row.auth_type === 'none' || row.auth_type === 'oauth' ? row.auth_type : 'api-key',
      apiKey: row.secret === null ? null : this.secrets.open(row.secret),
      baseUrl: row.base_url,
      priority: Number(row.priority),
      isActive: Number(row.is_active) === 1,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      lastTest: toConnectionTest(row),
      proxyUrl: row.proxy_url === null ? null : this.secrets.open(row.proxy_url),
      ...(row.auth_type === 'oauth' ? { oauth: toOAuthState(row) } : {}),
    };
  }
}

function toOAuthState(row: Selectable<ConnectionsTable>): OAuthAccountState {
  let quota: unknown = null;
  try {
    quota = row.quota === null ? null : JSON.parse(row.quota);
  } catch {
    // A damaged quota snapshot is only informational: show none rather than fail the listing.
  }
  return {
    status: row.oauth_status === 'expired' ? 'expired' : 'active',
    reason: row.oauth_reason,
    expiresAt: row.token_expires_at === null ? null : Number(row.token_expires_at),
    account: row.account,
    quota,
  };
}

function toConnectionTest(row: Selectable<ConnectionsTable>): ConnectionTest | undefined {
  if (row.tested_at === null) return undefined;
  return {
    ok: Number(row.test_ok) === 1,
    status: row.test_status === null ? null : Number(row.test_status),
    message: row.test_message ?? '',
    latencyMs: Number(row.test_latency_ms ?? 0),
    model: row.test_model,
    testedAt: Number(row.tested_at),
  };
}
