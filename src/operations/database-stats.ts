import type BetterSqlite3 from 'better-sqlite3';

/** Rows per table (every table, so new features show up without a change here), Kysely's own tables left out. */
export function tableCounts(sqlite: BetterSqlite3.Database): Record<string, number> {
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      Number(
        sqlite
          .prepare(`select count(*) from "${table.replaceAll('"', '""')}"`)
          .pluck()
          .get(),
      ),
    ]),
  );
}

export function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  try {
    return sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
  } catch {
    return [];
  }
}
