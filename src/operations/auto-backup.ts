import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../observability/logger.js';
import type { BackupSettings } from '../storage/backups/backup-settings.js';
import { databaseSize } from '../storage/backups/backup-store.js';
import type { BackupService } from './backup-service.js';

export type AutoBackupOutcome = 'backed-up' | 'off' | 'too-soon' | 'unchanged' | 'shrunk' | 'busy';

export interface AutoBackupOptions {
  sqlite: BetterSqlite3.Database;
  backups: BackupService;
  settings: () => BackupSettings;
  logger: Logger;
  now?: () => number;
  /** A database smaller than this share of the newest backup is suspicious: no automatic backup replaces good ones. */
  shrinkRatio?: number;
}

/**
 * Automatic backups: at most every `autoIntervalMinutes`, and only when the data changed since the last one.
 * A change is seen through `total_changes()` (writes by this process; `PRAGMA data_version` does not move for
 * them) and `PRAGMA data_version` (commits by other processes, such as `omniroute keys`).
 */
export class AutoBackup {
  private readonly now: () => number;
  private readonly shrinkRatio: number;
  private lastFingerprint: string;
  private lastAttemptAt: number;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly totalChanges: BetterSqlite3.Statement;

  constructor(private readonly options: AutoBackupOptions) {
    this.now = options.now ?? Date.now;
    this.shrinkRatio = options.shrinkRatio ?? 0.5;
    this.totalChanges = options.sqlite.prepare('select total_changes()').pluck();
    this.lastFingerprint = this.fingerprint();
    const newest = options.backups.list()[0];
    this.lastAttemptAt = newest === undefined ? this.now() : Date.parse(newest.created);
  }

  start(checkEveryMs = 60_000): void {
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.options.logger.error({ err: error }, 'automatic backup failed'));
    }, checkEveryMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a backup in progress (the database closes right after). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  async tick(): Promise<AutoBackupOutcome> {
    const { autoIntervalMinutes } = this.options.settings();
    if (autoIntervalMinutes === 0) return 'off';
    if (this.running) return 'busy';
    const now = this.now();
    if (now - this.lastAttemptAt < autoIntervalMinutes * 60_000) return 'too-soon';
    const fingerprint = this.fingerprint();
    if (fingerprint === this.lastFingerprint) return 'unchanged';
    this.lastAttemptAt = now;
    const newest = this.options.backups.list()[0];
    const size = databaseSize(this.options.sqlite);
    if (newest !== undefined && size < newest.size * this.shrinkRatio) {
      this.options.logger.warn(
        { databaseBytes: size, lastBackup: newest.name, lastBackupBytes: newest.size },
        'automatic backup skipped: the database shrank to less than half of the last backup; check your data',
      );
      return 'shrunk';
    }
    this.running = true;
    try {
      await this.options.backups.backup('auto');
      this.lastFingerprint = fingerprint;
      return 'backed-up';
    } finally {
      this.running = false;
    }
  }

  private fingerprint(): string {
    return `${String(this.options.sqlite.pragma('data_version', { simple: true }))}:${String(this.totalChanges.get())}`;
  }
}
