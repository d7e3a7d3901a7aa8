import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, openStorage, StorageError } from './database.js';
import { migrationProvider } from './migrations/index.js';

const folders: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'omniroute-db-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openStorage', () => {
  it('creates the database in WAL mode with every migration applied', async () => {
    const dir = freshDir();
    const storage = await openStorage(dir);
    expect(storage.path).toBe(databasePath(dir));
    expect(storage.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const applied = await new Migrator({ db: storage.db, provider: migrationProvider }).getMigrations();
    expect(applied.every((migration) => migration.executedAt !== undefined)).toBe(true);
    await storage.close();
  });

  it('migrates a database from an older version forward, keeping its data', async () => {
    const dir = freshDir();
    const sqlite = new BetterSqlite3(databasePath(dir));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    const all = await migrationProvider.getMigrations();
    const [firstName, first] = Object.entries(all)[0]!;
    // An "older version": only the first migration known, so newer ones are pending.
    await new Migrator({ db, provider: { getMigrations: async () => ({ [firstName]: first }) } }).migrateToLatest();
    await db.insertInto('settings').values({ key: 'kept', value: '"yes"', updated_at: 1 }).execute();
    await db.destroy();

    const storage = await openStorage(dir);
    const row = await storage.db.selectFrom('settings').selectAll().where('key', '=', 'kept').executeTakeFirst();
    expect(row?.value).toBe('"yes"');
    await storage.close();
  });

  it('refuses a corrupt file with a clear message and leaves it untouched', async () => {
    const dir = freshDir();
    const garbage = Buffer.alloc(8192, 7);
    writeFileSync(databasePath(dir), garbage);
    const failure = await openStorage(dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as Error).message).toMatch(/cannot be read.*stopped without touching it/s);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(databasePath(dir)).equals(garbage)).toBe(true);
  });

  it('refuses a database written by a newer version', async () => {
    const dir = freshDir();
    const storage = await openStorage(dir);
    await storage.db
      .insertInto('kysely_migration' as never)
      .values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never)
      .execute();
    await storage.close();
    await expect(openStorage(dir)).rejects.toThrow(/newer OmniRoute version/);
  });
});
