import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { errorMessage } from '../core/errors.js';
import { backupBeforeMigrations } from './backups/backup-before-migrations.js';
import { openPostgresStorage } from './postgres-storage.js';
import { runMigrations, StorageError } from './run-migrations.js';
import type { Database } from './schema.js';
import type { SqliteStorage, Storage } from './storage-types.js';

export type { PostgresStorage, SqliteStorage, Storage } from './storage-types.js';
export { StorageError };

export function databasePath(dataDir: string): string {
  return join(dataDir, 'storage.sqlite');
}

/** `DATABASE_URL=postgres://…` selects PostgreSQL; otherwise the embedded SQLite file in the data folder. */
export function openDatabase(options: { dataDir: string; databaseUrl?: string }): Promise<Storage> {
  const { databaseUrl } = options;
  if (databaseUrl !== undefined && databaseUrl !== '') return openPostgresStorage(databaseUrl);
  return openStorage(options.dataDir);
}

/**
 * Opens (or creates) the SQLite database in WAL mode and migrates it forward.
 * A file that cannot be read stops start-up with a clear message: it is never reset, so no data is lost.
 */
export async function openStorage(dataDir: string): Promise<SqliteStorage> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = databasePath(dataDir);
  const sqlite = openSqlite(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await backupBeforeMigrations(db, sqlite, dataDir);
    await runMigrations(db, path);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    engine: 'sqlite',
    db,
    sqlite,
    path,
    location: path,
    watchChanges: (onChange, intervalMs = 1000) => watchDataVersion(sqlite, onChange, intervalMs),
    ping: async () => {
      sqlite.prepare('select 1').get();
    },
    withLock: (_name, work) => work(),
    close: () => db.destroy(),
  };
}

/** SQLite's `PRAGMA data_version` moves when another connection commits: a cheap poll, no triggers needed. */
function watchDataVersion(sqlite: BetterSqlite3.Database, onChange: () => void, intervalMs: number): () => void {
  let version = sqlite.pragma('data_version', { simple: true });
  const timer = setInterval(() => {
    if (!sqlite.open) return;
    const next = sqlite.pragma('data_version', { simple: true });
    if (next === version) return;
    version = next;
    onChange();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
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
    const reason = errorMessage(error);
    throw new StorageError(
      `The database at ${path} cannot be read (${reason}). OmniRoute stopped without touching it. ` +
        'Restore a backup from db_backups/, or move the file away to start with an empty database.',
    );
  }
}
