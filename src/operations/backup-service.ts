import type BetterSqlite3 from 'better-sqlite3';
import type { BackupSettings } from '../storage/backups/backup-settings.js';
import { type BackupInfo, type BackupReason, type BackupStore, backupTo } from '../storage/backups/backup-store.js';

/** Backups of the running gateway's database, pruned to the configured retention after each one. */
export class BackupService {
  constructor(
    readonly store: BackupStore,
    private readonly sqlite: BetterSqlite3.Database,
    private readonly settings: () => BackupSettings,
  ) {
    store.removeStaleTemporaryFiles();
  }

  list(): BackupInfo[] {
    return this.store.list();
  }

  async backup(reason: BackupReason): Promise<BackupInfo> {
    const info = await this.store.create(this.sqlite, reason);
    this.store.prune(this.settings().retention);
    return info;
  }

  /** A consistent copy at `path` (outside the list), for downloads. */
  async copyTo(path: string): Promise<void> {
    await backupTo(this.sqlite, path);
  }
}
