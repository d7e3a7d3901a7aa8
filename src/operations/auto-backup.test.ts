import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.js';
import { type BackupSettings, defaultBackupSettings } from '../storage/backups/backup-settings.js';
import { BackupStore } from '../storage/backups/backup-store.js';
import { AutoBackup } from './auto-backup.js';
import { BackupService } from './backup-service.js';

const hour = 60 * 60_000;
let dir: string;
let sqlite: BetterSqlite3.Database;
let settings: BackupSettings;
let now: number;
let backups: BackupService;
let auto: AutoBackup;
const warnings: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'omniroute-auto-'));
  sqlite = new BetterSqlite3(join(dir, 'storage.sqlite'));
  sqlite.exec('create table notes (id integer primary key, text text)');
  settings = { ...defaultBackupSettings, retention: 3 };
  now = Date.now();
  backups = new BackupService(new BackupStore(dir), sqlite, () => settings);
  const logger = silentLogger();
  logger.warn = ((_object: unknown, message: string) => {
    warnings.push(message);
  }) as typeof logger.warn;
  auto = new AutoBackup({ sqlite, backups, settings: () => settings, logger, now: () => now });
});
afterEach(() => {
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
  warnings.length = 0;
});

const write = (text = 'x') => sqlite.prepare('insert into notes (text) values (?)').run(text);

describe('AutoBackup', () => {
  it('backs up at most once per interval, and only when the data changed', async () => {
    write();
    expect(await auto.tick()).toBe('too-soon');
    now += hour;
    expect(await auto.tick()).toBe('backed-up');
    write();
    now += hour / 2;
    expect(await auto.tick()).toBe('too-soon');
    now += hour / 2;
    expect(await auto.tick()).toBe('backed-up');
    now += hour;
    expect(await auto.tick()).toBe('unchanged');
    expect(backups.list().map((backup) => backup.reason)).toEqual(['auto', 'auto']);
  });

  it('sees commits from another connection (PRAGMA data_version)', async () => {
    now += hour;
    expect(await auto.tick()).toBe('unchanged');
    const other = new BetterSqlite3(join(dir, 'storage.sqlite'));
    other.prepare("insert into notes (text) values ('from the CLI')").run();
    other.close();
    expect(await auto.tick()).toBe('backed-up');
  });

  it('prunes to the retention count', async () => {
    for (let round = 0; round < 5; round += 1) {
      write();
      now += hour;
      expect(await auto.tick()).toBe('backed-up');
    }
    expect(backups.list()).toHaveLength(3);
  });

  it('is off at interval 0', async () => {
    settings = { ...settings, autoIntervalMinutes: 0 };
    write();
    now += 24 * hour;
    expect(await auto.tick()).toBe('off');
  });

  it('skips with a warning when the database shrank to less than half of the last backup', async () => {
    write('x'.repeat(200_000));
    now += hour;
    expect(await auto.tick()).toBe('backed-up');
    sqlite.exec('delete from notes');
    sqlite.exec('vacuum');
    now += hour;
    expect(await auto.tick()).toBe('shrunk');
    expect(warnings.join()).toContain('database shrank');
    expect(backups.list()).toHaveLength(1);
  });
});

describe('BackupStore temporary files', () => {
  it('removes those a crash left behind once they are an hour old', async () => {
    const store = new BackupStore(dir);
    const stale = store.temporaryPath('upload');
    const fresh = store.temporaryPath('export');
    writeFileSync(stale, 'x');
    writeFileSync(fresh, 'x');
    const old = new Date(Date.now() - 2 * hour);
    utimesSync(stale, old, old);
    store.removeStaleTemporaryFiles();
    expect([existsSync(stale), existsSync(fresh)]).toEqual([false, true]);
  });
});
