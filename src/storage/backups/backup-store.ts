import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

/** Why a backup was taken; part of its file name, so the list can show it without an index file. */
export type BackupReason =
  | 'manual'
  | 'auto'
  | 'pre-restore'
  | 'pre-import'
  | 'pre-migration'
  | 'imported'
  | 'cli'
  | 'cli-pre-restore';

export interface BackupInfo {
  name: string;
  size: number;
  /** ISO time the backup was taken (from its name, so copying files around keeps it). */
  created: string;
  reason: string;
}

const backupNamePattern = /^omniroute_(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)_([a-z][a-z-]*)(?:_(\d+))?\.sqlite$/;

export function backupsDirectory(dataDir: string): string {
  return join(dataDir, 'db_backups');
}

/**
 * The `DATA_DIR/db_backups/` folder: online SQLite backups named `omniroute_<time>_<reason>.sqlite`. A backup is
 * written under a temporary name and renamed when complete, so the list never shows a half-written file.
 */
export class BackupStore {
  readonly directory: string;

  constructor(dataDir: string) {
    this.directory = backupsDirectory(dataDir);
  }

  /** Newest first. The folder is created lazily, by the first backup. */
  list(): BackupInfo[] {
    if (!existsSync(this.directory)) return [];
    const backups: Array<BackupInfo & { order: string }> = [];
    for (const name of readdirSync(this.directory)) {
      const match = backupNamePattern.exec(name);
      if (!match) continue;
      const [, stamp = '', reason = '', counter = '0'] = match;
      backups.push({
        name,
        size: statSync(join(this.directory, name)).size,
        created: stampToIso(stamp),
        reason,
        order: `${stamp}_${counter.padStart(6, '0')}`,
      });
    }
    backups.sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0));
    return backups.map(({ order: _order, ...info }) => info);
  }

  /** The path of a listed backup, or undefined for anything else (unknown names, paths, traversal attempts). */
  resolve(name: string): string | undefined {
    if (!backupNamePattern.test(name)) return undefined;
    const path = join(this.directory, name);
    return existsSync(path) ? path : undefined;
  }

  /** A consistent copy of the live database, taken with SQLite's online backup API while it keeps serving. */
  async create(sqlite: BetterSqlite3.Database, reason: BackupReason): Promise<BackupInfo> {
    const name = this.reserveName(reason);
    await backupTo(sqlite, join(this.directory, name));
    return this.info(name);
  }

  /** Files an already validated database (an import) as a backup, so it is listed and can be restored again. */
  adopt(path: string, reason: BackupReason): BackupInfo {
    const name = this.reserveName(reason);
    renameSync(path, join(this.directory, name));
    return this.info(name);
  }

  /** A path inside the backups folder for temporary files (same file system, so a rename is atomic). */
  temporaryPath(label: string): string {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    return join(this.directory, `.${label}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`);
  }

  /** Temporary files left by a crash (uploads, downloads, half-written backups) once they are an hour old. */
  removeStaleTemporaryFiles(now = Date.now()): void {
    if (!existsSync(this.directory)) return;
    for (const name of readdirSync(this.directory)) {
      if (!(name.startsWith('.') && name.endsWith('.tmp')) && !name.endsWith('.partial')) continue;
      const path = join(this.directory, name);
      if (now - statSync(path).mtimeMs > 60 * 60_000) rmSync(path, { force: true });
    }
  }

  /** Keeps the newest `retention` backups; returns the names removed. */
  prune(retention: number): string[] {
    const removed = this.list()
      .slice(Math.max(retention, 1))
      .map((backup) => backup.name);
    for (const name of removed) rmSync(join(this.directory, name), { force: true });
    return removed;
  }

  private info(name: string): BackupInfo {
    const info = this.list().find((backup) => backup.name === name);
    if (info === undefined) throw new Error(`backup ${name} vanished right after it was written`);
    return info;
  }

  private reserveName(reason: BackupReason): string {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (let counter = 0; ; counter += 1) {
      const name = `omniroute_${stamp}_${reason}${counter === 0 ? '' : `_${counter}`}.sqlite`;
      if (!existsSync(join(this.directory, name))) return name;
    }
  }
}

/** Online backup into `target`, via a temporary file renamed into place when complete. */
export async function backupTo(sqlite: BetterSqlite3.Database, target: string): Promise<void> {
  const partial = `${target}.partial`;
  try {
    await sqlite.backup(partial);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Bytes the database occupies (pages in use plus free pages), independent of WAL state. */
export function databaseSize(sqlite: BetterSqlite3.Database): number {
  const pageCount = Number(sqlite.pragma('page_count', { simple: true }));
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  return pageCount * pageSize;
}

function stampToIso(stamp: string): string {
  // 2025-01-02T03-04-05-678Z → 2025-01-02T03:04:05.678Z
  return `${stamp.slice(0, 13)}:${stamp.slice(14, 16)}:${stamp.slice(17, 19)}.${stamp.slice(20)}`;
}
