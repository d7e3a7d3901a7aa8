import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { WireFormat } from '../../core/wire-format.js';
import type { Database, ProviderNodesTable } from '../schema.js';

/** A user-defined endpoint that behaves like a catalog provider whose id is its prefix. */
export interface ProviderNodeRecord {
  id: string;
  name: string;
  prefix: string;
  format: WireFormat;
  baseUrl: string;
  createdAt: number;
  updatedAt: number;
}

export type NewProviderNode = Pick<ProviderNodeRecord, 'name' | 'prefix' | 'format' | 'baseUrl'>;

export class ProviderNodesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<ProviderNodeRecord[]> {
    const rows = await this.db.selectFrom('provider_nodes').selectAll().orderBy('prefix').execute();
    return rows.map(toRecord);
  }

  async get(id: string): Promise<ProviderNodeRecord | undefined> {
    const row = await this.db.selectFrom('provider_nodes').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async findByName(name: string): Promise<ProviderNodeRecord | undefined> {
    const row = await this.db.selectFrom('provider_nodes').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toRecord(row);
  }

  async create(node: NewProviderNode): Promise<ProviderNodeRecord> {
    const now = Date.now();
    const row = {
      id: randomUUID(),
      name: node.name,
      prefix: node.prefix,
      api_type: node.format,
      base_url: node.baseUrl,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('provider_nodes').values(row).execute();
    return toRecord(row);
  }

  async update(id: string, patch: Partial<NewProviderNode>): Promise<ProviderNodeRecord | undefined> {
    const values: Partial<ProviderNodesTable> = { updated_at: Date.now() };
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.prefix !== undefined) values.prefix = patch.prefix;
    if (patch.format !== undefined) values.api_type = patch.format;
    if (patch.baseUrl !== undefined) values.base_url = patch.baseUrl;
    await this.db.updateTable('provider_nodes').set(values).where('id', '=', id).execute();
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('provider_nodes').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toRecord(row: Selectable<ProviderNodesTable>): ProviderNodeRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    format: row.api_type as WireFormat,
    baseUrl: row.base_url,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
