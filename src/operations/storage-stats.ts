import { sql } from 'kysely';
import { databaseSize } from '../storage/backups/backup-store.js';
import type { Storage } from '../storage/database.js';
import { appliedMigrations, tableCounts } from './database-stats.js';

export interface StorageStats {
  engine: Storage['engine'];
  /** The file path, or the PostgreSQL URL without its password. */
  location: string;
  sizeBytes: number;
  /** SQLite only: `wal` in normal operation. */
  journalMode: string | null;
  migrations: string[];
  counts: Record<string, number>;
}

/** Size, applied migrations and rows per table, whatever the engine. */
export async function storageStats(storage: Storage): Promise<StorageStats> {
  if (storage.engine === 'sqlite') {
    const { sqlite } = storage;
    return {
      engine: 'sqlite',
      location: storage.location,
      sizeBytes: databaseSize(sqlite),
      journalMode: String(sqlite.pragma('journal_mode', { simple: true })),
      migrations: appliedMigrations(sqlite),
      counts: tableCounts(sqlite),
    };
  }
  const { db } = storage;
  const tables = (await db.introspection.getTables()).map((table) => table.name).sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    if (table.startsWith('kysely_')) continue;
    const { rows } = await sql<{ count: number }>`select count(*) as count from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]?.count ?? 0);
  }
  const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return {
    engine: 'postgres',
    location: storage.location,
    sizeBytes: await storageSize(storage),
    journalMode: null,
    migrations: migrations.rows.map((row) => row.name),
    counts,
  };
}

/** Bytes the database takes: the SQLite file's pages, or PostgreSQL's `pg_database_size`. */
export async function storageSize(storage: Storage): Promise<number> {
  if (storage.engine === 'sqlite') return databaseSize(storage.sqlite);
  const { rows } = await sql<{ size: number }>`select pg_database_size(current_database()) as size`.execute(storage.db);
  return Number(rows[0]?.size ?? 0);
}
