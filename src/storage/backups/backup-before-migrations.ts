import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from '../migrations/index.js';
import { readStoredBackupSettings } from './backup-settings.js';
import { BackupStore } from './backup-store.js';

/**
 * Migrations change the schema in place and cannot be undone, so a database that already holds data gets a backup
 * before new migrations run on it (after an upgrade, or after restoring an older backup). A new database does not.
 */
export async function backupBeforeMigrations<Schema>(
  db: Kysely<Schema>,
  sqlite: BetterSqlite3.Database,
  dataDir: string,
): Promise<void> {
  const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations();
  const applied = migrations.some((migration) => migration.executedAt !== undefined);
  const pending = migrations.some((migration) => migration.executedAt === undefined);
  if (!applied || !pending) return;
  const store = new BackupStore(dataDir);
  await store.create(sqlite, 'pre-migration');
  store.prune(readStoredBackupSettings(sqlite).retention);
}
