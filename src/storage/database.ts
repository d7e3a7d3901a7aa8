import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { backupBeforeMigrations } from './backups/backup-before-migrations.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export class StorageError extends Error {
  override name = 'StorageError';
}

export interface Storage {
  db: Kysely<Database>;
  /** SQLite's own handle, for engine-specific needs (change detection, online backups). */
  sqlite: BetterSqlite3.Database;
  path: string;
  close(): Promise<void>;
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'storage.sqlite');
}

/**
 * Opens (or creates) the SQLite database in WAL mode and migrates it forward.
 * A file that cannot be read stops start-up with a clear message: it is never reset, so no data is lost.
 */
export async function openStorage(dataDir: string): Promise<Storage> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = databasePath(dataDir);
  const sqlite = openSqlite(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await backupBeforeMigrations(db, sqlite, dataDir);
    await migrate(db, path);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, sqlite, path, close: () => db.destroy() };
}

function openSqlite(path: string): BetterSqlite3.Database {
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    sqlite = new BetterSqlite3(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
    return sqlite;
  } catch (error) {
    sqlite?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(
      `The database at ${path} cannot be read (${reason}). OmniRoute stopped without touching it. ` +
        'Restore a backup from db_backups/, or move the file away to start with an empty database.',
    );
  }
}

async function migrate(db: Kysely<Database>, path: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (!error) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  const hint = reason.includes('corrupted migrations')
    ? ' It was written by a newer OmniRoute version: upgrade OmniRoute, or restore a backup.'
    : '';
  throw new StorageError(
    `Migrating the database at ${path} failed${failed ? ` at ${failed}` : ''}: ${reason}.${hint} Nothing was reset.`,
  );
}
