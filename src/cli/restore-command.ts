import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../config/config.js';
import { liveServerLock } from '../operations/server-lock.js';
import { readStoredBackupSettings } from '../storage/backups/backup-settings.js';
import { type BackupInfo, BackupStore } from '../storage/backups/backup-store.js';
import { checkDatabaseFile } from '../storage/backups/check-database-file.js';
import { installDatabaseFile } from '../storage/backups/install-database-file.js';
import { databasePath } from '../storage/database.js';
import { createSecretBox, loadEncryptionKey, type SecretBox } from '../storage/secret-box.js';
import { refusePostgres } from './refuse-postgres.js';

const usage = 'Usage: omniroute restore FILE [--data-dir DIR]   (FILE: a path, or a backup name from db_backups/)';

/**
 * `omniroute restore FILE`: checks FILE like the API's import does, backs the current database up, and puts FILE in
 * its place. It refuses while a gateway serves the same data folder (that gateway would keep writing to the replaced
 * file): stop it first, or restore through its API (`POST /api/db-backups`, `POST /api/db-backups/import`).
 */
export async function runRestoreCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig(process.env, { dataDir: values['data-dir'] });
  if (config.databaseUrl !== undefined) return refusePostgres('restore');
  const store = new BackupStore(config.dataDir);
  const candidate = existsSync(file) ? resolve(file) : store.resolve(file);
  if (candidate === undefined) {
    console.error(`No file '${file}', and no backup of that name in ${store.directory}.`);
    return 1;
  }
  const running = liveServerLock(config.dataDir);
  if (running !== undefined) {
    console.error(
      `A gateway (pid ${running.pid}, ${running.url}) is serving ${config.dataDir}. Stop it first, or restore ` +
        'through it: POST /api/db-backups {"name": ...} or POST /api/db-backups/import. ' +
        `If no gateway runs, delete ${join(config.dataDir, 'server.lock')}.`,
    );
    return 1;
  }

  const copy = store.temporaryPath('restore');
  copyFileSync(candidate, copy);
  try {
    const check = await checkDatabaseFile(copy, encryptionKey(config.dataDir, config.storageEncryptionKey));
    if (!check.ok) {
      console.error(`${file} cannot be restored: ${check.reason}. Nothing was changed.`);
      return 1;
    }
    const target = databasePath(config.dataDir);
    const safety = existsSync(target) ? await safetyBackup(store, target) : undefined;
    installDatabaseFile(copy, target);
    console.log(`Restored ${file} into ${target}.`);
    if (safety !== undefined) console.log(`The previous database was saved as ${join(store.directory, safety.name)}.`);
    return 0;
  } finally {
    rmSync(copy, { force: true });
  }
}

async function safetyBackup(store: BackupStore, target: string): Promise<BackupInfo> {
  const sqlite = new BetterSqlite3(target, { fileMustExist: true });
  try {
    const backup = await store.create(sqlite, 'cli-pre-restore');
    store.prune(readStoredBackupSettings(sqlite).retention);
    return backup;
  } finally {
    sqlite.close();
  }
}

/** The installation's key if it has one; never generates a new key file as a side effect of a restore. */
function encryptionKey(dataDir: string, configured: string | undefined): SecretBox | undefined {
  if (configured === undefined && !existsSync(join(dataDir, 'storage.key'))) return undefined;
  return createSecretBox(loadEncryptionKey(dataDir, configured));
}
