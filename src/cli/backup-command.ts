import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../config/config.js';
import { readStoredBackupSettings } from '../storage/backups/backup-settings.js';
import { BackupStore } from '../storage/backups/backup-store.js';
import { databasePath } from '../storage/database.js';
import { refusePostgres } from './refuse-postgres.js';

/**
 * `omniroute backup [--data-dir DIR]`: an online backup into DATA_DIR/db_backups, safe while the server runs (SQLite's
 * backup API copies a consistent snapshot). The database is not migrated or otherwise changed.
 */
export async function runBackupCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: true });
  const config = loadConfig(process.env, { dataDir: values['data-dir'] });
  if (config.databaseUrl !== undefined) return refusePostgres('backup');
  const path = databasePath(config.dataDir);
  if (!existsSync(path)) {
    console.error(`No database at ${path}: nothing to back up.`);
    return 1;
  }
  const sqlite = new BetterSqlite3(path, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const store = new BackupStore(config.dataDir);
    const backup = await store.create(sqlite, 'cli');
    const removed = store.prune(readStoredBackupSettings(sqlite).retention);
    console.log(`Backup written: ${join(store.directory, backup.name)} (${formatBytes(backup.size)}).`);
    if (removed.length > 0) console.log(`Removed ${removed.length} old backup(s) beyond the retention count.`);
    return 0;
  } finally {
    sqlite.close();
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
