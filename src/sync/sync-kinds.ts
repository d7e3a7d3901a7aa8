import { defaultAppSettings } from '../settings/app-settings.js';
import type { Database } from '../storage/schema.js';

/** A column as the bundle carries it: `json` is JSON text (checked to parse before anything is written). */
export interface SyncColumn {
  name: string;
  type: 'text' | 'integer' | 'json';
  nullable?: boolean;
  /** Sealed at rest with the storage key; travels end-to-end encrypted with the sync passphrase. */
  secret?: boolean;
}

/** One synced table: its identity columns, the columns that travel, and its unique names (see merge). */
export interface SyncTable {
  kind: string;
  table: keyof Database;
  key: string[];
  columns: SyncColumn[];
  /** Column sets that must stay unique: two objects made apart with one name keep only the newer. */
  unique: string[][];
  /** The column holding the row's own edit time, when the table has one: it is the object's last-writer-wins time. */
  updatedAtColumn?: string;
}

const text = (name: string, nullable = false): SyncColumn => ({ name, type: 'text', nullable });
const integer = (name: string, nullable = false): SyncColumn => ({ name, type: 'integer', nullable });
const json = (name: string, nullable = false): SyncColumn => ({ name, type: 'json', nullable });
const secret = (name: string): SyncColumn => ({ name, type: 'text', nullable: true, secret: true });

/**
 * What syncs. Left out on purpose: usage and request logs (they never leave the instance), connection test results
 * and quota snapshots (observations of this instance), dashboard sessions, and key budgets (they are settled
 * against this instance's own spend). Settings sync per section, outside this table (see local-objects.ts).
 */
const tables: SyncTable[] = [
  {
    kind: 'node',
    table: 'provider_nodes',
    key: ['id'],
    columns: [text('id'), text('name'), text('prefix'), text('api_type'), text('base_url')],
    unique: [['name'], ['prefix']],
    updatedAtColumn: 'updated_at',
  },
  {
    kind: 'connection',
    table: 'connections',
    key: ['id'],
    columns: [
      text('id'),
      text('provider'),
      text('name'),
      text('auth_type'),
      secret('secret'),
      text('base_url', true),
      integer('priority'),
      integer('is_active'),
      secret('proxy_url'),
      secret('oauth_tokens'),
      integer('token_expires_at', true),
      text('oauth_status', true),
      text('oauth_reason', true),
      text('account', true),
    ],
    unique: [['provider', 'name']],
    updatedAtColumn: 'updated_at',
  },
  {
    kind: 'combo',
    table: 'combos',
    key: ['id'],
    columns: [text('id'), text('name'), text('strategy'), json('targets'), json('config')],
    unique: [['name']],
    updatedAtColumn: 'updated_at',
  },
  {
    kind: 'alias',
    table: 'model_aliases',
    key: ['alias'],
    columns: [text('alias'), text('target')],
    unique: [],
  },
  {
    kind: 'provider-model',
    table: 'provider_models',
    key: ['provider', 'model'],
    columns: [
      text('provider'),
      text('model'),
      integer('custom'),
      integer('hidden'),
      text('type', true),
      integer('context_length', true),
      json('pricing', true),
    ],
    unique: [],
    updatedAtColumn: 'updated_at',
  },
  {
    kind: 'policy',
    table: 'policies',
    key: ['id'],
    columns: [text('id'), text('name'), integer('enabled'), integer('priority'), json('match'), json('action')],
    unique: [['name']],
    updatedAtColumn: 'updated_at',
  },
  {
    // Key hashes sync (never keys): a key made on one instance authenticates on every other.
    kind: 'api-key',
    table: 'api_keys',
    key: ['id'],
    columns: [
      text('id'),
      text('name'),
      text('key_hash'),
      text('key_prefix'),
      json('scopes'),
      integer('revoked_at', true),
      json('policy', true),
      integer('expires_at', true),
      integer('disabled'),
    ],
    unique: [['key_hash']],
  },
];

/** Every table also carries `created_at`; `updated_at` is the object's own last-writer-wins time, not content. */
export const syncTables: SyncTable[] = tables.map((table) => ({
  ...table,
  columns: [...table.columns, integer('created_at')],
}));

export const settingKind = 'setting';

/** Settings sections that stay local: `sync` is this instance's own role and pairing. */
export const localSettingSections = new Set(['sync']);

/** Whether this version reads and writes objects of a kind (others, from a newer writer, are only passed on). */
export function isKnownObject(kind: string, id: string): boolean {
  if (kind === settingKind) return id in defaultAppSettings && !localSettingSections.has(id);
  return syncTableFor(kind) !== undefined;
}

export function syncTableFor(kind: string): SyncTable | undefined {
  return syncTables.find((table) => table.kind === kind);
}

/** A stable id from the key columns (one column: its value; several: a JSON array, so no separator is ambiguous). */
export function objectIdOf(table: SyncTable, row: Record<string, unknown>): string {
  const values = table.key.map((column) => String(row[column]));
  return values.length === 1 ? (values[0] ?? '') : JSON.stringify(values);
}
