import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../database.js';
import { migrationProvider } from '../migrations/index.js';
import { createRepositories } from '../repositories.js';
import { createSecretBox } from '../secret-box.js';
import { backupBeforeMigrations } from './backup-before-migrations.js';
import { BackupStore } from './backup-store.js';
import { checkDatabaseFile } from './check-database-file.js';

const key = createSecretBox(Buffer.alloc(32, 7));
const otherKey = createSecretBox(Buffer.alloc(32, 9));
let dir: string;
let sound: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omniroute-check-'));
  const storage = await openStorage(join(dir, 'live'));
  const repositories = createRepositories(storage, key);
  await repositories.connections.create({
    provider: 'openai',
    name: 'main',
    apiKey: 'sk-sealed',
    baseUrl: null,
    priority: 1,
    isActive: true,
  });
  sound = join(dir, 'sound.sqlite');
  await new BackupStore(join(dir, 'live')).create(storage.sqlite, 'manual').then((backup) => {
    copyFileSync(join(dir, 'live', 'db_backups', backup.name), sound);
  });
  await storage.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the sound database changed by `change`. */
function variant(name: string, change: (sqlite: BetterSqlite3.Database) => void): string {
  const path = join(dir, name);
  copyFileSync(sound, path);
  const sqlite = new BetterSqlite3(path);
  change(sqlite);
  sqlite.close();
  return path;
}

describe('checkDatabaseFile', () => {
  it('accepts an OmniRoute database whose secrets this key opens', async () => {
    const check = await checkDatabaseFile(sound, key);
    expect(check).toEqual({ ok: true, migrations: Object.keys(await migrationProvider.getMigrations()).sort() });
  });

  it('refuses text, an empty file and a foreign database', async () => {
    const text = join(dir, 'text.sqlite');
    writeFileSync(text, 'not a database '.repeat(100));
    expect(await checkDatabaseFile(text, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a/) });
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    expect(await checkDatabaseFile(empty, key)).toEqual({ ok: false, reason: 'it is not an OmniRoute database' });
    expect(await checkDatabaseFile(join(dir, 'missing.sqlite'), key)).toMatchObject({ ok: false });
  });

  it('refuses a newer version, a broken history and a missing table or column', async () => {
    const newer = variant('newer.sqlite', (sqlite) =>
      sqlite.prepare("insert into kysely_migration (name, timestamp) values ('9999-future', 'x')").run(),
    );
    expect(await checkDatabaseFile(newer, key)).toMatchObject({
      reason: expect.stringContaining("newer OmniRoute version (unknown migration '9999-future')"),
    });
    const noTable = variant('no-table.sqlite', (sqlite) => sqlite.exec('drop table combos'));
    expect(await checkDatabaseFile(noTable, key)).toMatchObject({ reason: expect.stringContaining("'combos'") });
    const noColumn = variant('no-column.sqlite', (sqlite) => sqlite.exec('alter table api_keys drop column scopes'));
    expect(await checkDatabaseFile(noColumn, key)).toMatchObject({
      reason: expect.stringContaining("'api_keys.scopes' is missing"),
    });
  });

  it('refuses secrets sealed with another key, or with no key at hand', async () => {
    expect(await checkDatabaseFile(sound, otherKey)).toMatchObject({
      reason: expect.stringContaining('sealed with another encryption key'),
    });
    expect(await checkDatabaseFile(sound, undefined)).toMatchObject({
      reason: expect.stringContaining('no encryption key is available'),
    });
  });

  it('refuses a file that fails the integrity check', async () => {
    const corrupt = variant('corrupt.sqlite', () => {});
    const bytes = readFileSync(corrupt);
    // Scribble over the second page (a b-tree page) while keeping the header intact.
    bytes.fill(0xab, 4096 + 8, 4096 + 600);
    writeFileSync(corrupt, bytes);
    expect(await checkDatabaseFile(corrupt, key)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/integrity check failed|malformed/),
    });
  });
});

describe('backupBeforeMigrations', () => {
  it('backs up a database with data before pending migrations, and never a new one', async () => {
    const folder = join(dir, 'upgrade');
    const sqlite = new BetterSqlite3(':memory:');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    await backupBeforeMigrations(db, sqlite, folder);
    expect(new BackupStore(folder).list()).toEqual([]);
    const [first] = Object.keys(await migrationProvider.getMigrations()).sort();
    await new Migrator({ db, provider: migrationProvider }).migrateTo(first!);
    await backupBeforeMigrations(db, sqlite, folder);
    expect(new BackupStore(folder).list()).toEqual([expect.objectContaining({ reason: 'pre-migration' })]);
    await db.destroy();
  });
});
