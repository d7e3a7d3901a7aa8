import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { errorMessage } from '../../core/errors.js';
import { migrationProvider } from '../migrations/index.js';
import type { SecretBox } from '../secret-box.js';

export type DatabaseFileCheck = { ok: true; migrations: string[] } | { ok: false; reason: string };

type TableShapes = Map<string, Set<string>>;

/**
 * Decides whether a file may replace the live database: it must be a sound SQLite file (`PRAGMA integrity_check`),
 * an OmniRoute database whose migrations this version knows (an older one is migrated forward at start, a newer one
 * is refused), hold every table and column those migrations create, and have provider secrets this installation's
 * key can open (otherwise the gateway could not start on it). Reads only; the file is never changed.
 */
export async function checkDatabaseFile(path: string, secrets: SecretBox | undefined): Promise<DatabaseFileCheck> {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path, { fileMustExist: true });
  } catch (error) {
    return { ok: false, reason: `it cannot be opened (${messageOf(error)})` };
  }
  try {
    sqlite.pragma('query_only = ON');
    return await checkOpenDatabase(sqlite, secrets);
  } catch (error) {
    return { ok: false, reason: `it is not a readable SQLite database (${messageOf(error)})` };
  } finally {
    sqlite.close();
  }
}

async function checkOpenDatabase(
  sqlite: BetterSqlite3.Database,
  secrets: SecretBox | undefined,
): Promise<DatabaseFileCheck> {
  const integrity = sqlite.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') return { ok: false, reason: `the integrity check failed (${String(integrity)})` };

  const shapes = tableShapes(sqlite);
  if (!shapes.has('kysely_migration')) return { ok: false, reason: 'it is not an OmniRoute database' };
  const applied = (sqlite.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>)
    .map((row) => row.name)
    .filter((name) => typeof name === 'string');
  const known = Object.keys(await migrationProvider.getMigrations()).sort();
  const unknown = applied.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    return { ok: false, reason: `it was written by a newer OmniRoute version (unknown migration '${unknown}')` };
  }
  if (applied.length === 0 || applied.some((name, index) => known[index] !== name)) {
    return { ok: false, reason: 'its migration history does not match this OmniRoute version' };
  }

  const missing = missingShape(await expectedShapes(applied.at(-1) ?? ''), shapes);
  if (missing !== undefined) return { ok: false, reason: `it is not an OmniRoute database (${missing})` };

  const sealed = unreadableSecret(sqlite, shapes, secrets);
  if (sealed !== undefined) return { ok: false, reason: sealed };
  return { ok: true, migrations: applied };
}

/** The tables and columns a database migrated to `lastMigration` has, built fresh in memory. */
async function expectedShapes(lastMigration: string): Promise<TableShapes> {
  const memory = new BetterSqlite3(':memory:');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: memory }) });
  try {
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo(lastMigration);
    if (error) throw error;
    return tableShapes(memory);
  } finally {
    await db.destroy();
  }
}

function tableShapes(sqlite: BetterSqlite3.Database): TableShapes {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .all() as Array<{ name: string }>;
  const shapes: TableShapes = new Map();
  for (const { name } of tables) {
    const columns = sqlite.prepare('select name from pragma_table_info(?)').all(name) as Array<{ name: string }>;
    shapes.set(name, new Set(columns.map((column) => column.name)));
  }
  return shapes;
}

function missingShape(expected: TableShapes, actual: TableShapes): string | undefined {
  for (const [table, columns] of expected) {
    const present = actual.get(table);
    if (present === undefined) return `table '${table}' is missing`;
    for (const column of columns) if (!present.has(column)) return `column '${table}.${column}' is missing`;
  }
  return undefined;
}

function unreadableSecret(
  sqlite: BetterSqlite3.Database,
  shapes: TableShapes,
  secrets: SecretBox | undefined,
): string | undefined {
  if (!shapes.get('connections')?.has('secret')) return undefined;
  const rows = sqlite.prepare('select secret from connections where secret is not null').all() as Array<{
    secret: unknown;
  }>;
  if (rows.length === 0) return undefined;
  const hint = 'set STORAGE_ENCRYPTION_KEY (or copy storage.key) of the installation it came from, then try again';
  if (secrets === undefined) return `it holds sealed provider secrets but no encryption key is available: ${hint}`;
  try {
    for (const { secret } of rows) secrets.open(String(secret));
  } catch {
    return `its provider secrets were sealed with another encryption key: ${hint}`;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return errorMessage(error);
}
