import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ConnectionsTable, Database } from '../schema.js';
import type { SecretBox } from '../secret-box.js';

export type AuthType = 'api-key' | 'none';

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
}

export interface NewConnection {
  provider: string;
  name: string;
  apiKey: string | null;
  baseUrl: string | null;
  priority: number;
  isActive: boolean;
}

export type ConnectionPatch = Partial<Omit<NewConnection, 'provider'>>;

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
    };
    await this.db.insertInto('connections').values(row).execute();
    return this.toRecord(row);
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
    await this.db.updateTable('connections').set(values).where('id', '=', id).execute();
    return this.get(id);
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
      authType: row.auth_type === 'none' ? 'none' : 'api-key',
      apiKey: row.secret === null ? null : this.secrets.open(row.secret),
      baseUrl: row.base_url,
      priority: Number(row.priority),
      isActive: Number(row.is_active) === 1,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    };
  }
}
