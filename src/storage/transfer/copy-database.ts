import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

export interface TableProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopyReport {
  tables: Array<{ table: string; source: number; target: number }>;
  /** True when every table holds as many rows in the target as in the source. */
  verified: boolean;
}

/** Rows per INSERT: well under PostgreSQL's 65 535 bound parameters for the widest table. */
const batchSize = 500;

/**
 * Copies every table's rows from a migrated SQLite database into another database at the same migration, in
 * batches, keeping ids; then moves identity sequences past the copied ids and counts both sides.
 * The target must hold no rows yet (a half-copied target is refused rather than merged).
 */
export async function copyDatabase(
  source: Kysely<Database>,
  target: Kysely<Database>,
  onProgress: (progress: TableProgress) => void,
): Promise<CopyReport> {
  const tables = await userTables(source);
  const targetTables = new Set(await userTables(target));
  const missing = tables.filter((table) => !targetTables.has(table));
  if (missing.length > 0)
    throw new Error(`the target lacks tables ${missing.join(', ')}: are both at the same version?`);
  for (const table of tables) {
    if ((await countRows(target, table)) > 0) {
      throw new Error(`the target already holds rows in ${table}: migrate into an empty database`);
    }
  }
  await target.transaction().execute(async (trx) => {
    for (const table of tables) await copyTable(source, trx, table, onProgress);
    await advanceIdentities(trx, tables);
  });
  const report = await Promise.all(
    tables.map(async (table) => ({
      table,
      source: await countRows(source, table),
      target: await countRows(target, table),
    })),
  );
  return { tables: report, verified: report.every((entry) => entry.source === entry.target) };
}

async function copyTable(
  source: Kysely<Database>,
  target: Kysely<Database>,
  table: string,
  onProgress: (progress: TableProgress) => void,
): Promise<void> {
  const total = await countRows(source, table);
  const columns = await columnNames(source, table);
  let copied = 0;
  let lastRowid = Number.MIN_SAFE_INTEGER;
  onProgress({ table, copied, total });
  for (;;) {
    // Keyset pagination on SQLite's rowid: every batch is an index seek, however large the table.
    const { rows } = await sql<Record<string, unknown> & { omniroute_rowid: number }>`
      select rowid as omniroute_rowid, * from ${sql.table(table)}
      where rowid > ${lastRowid} order by rowid limit ${batchSize}`.execute(source);
    if (rows.length === 0) break;
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) values ${sql.join(
      rows.map((row) => sql`(${sql.join(columns.map((column) => row[column] ?? null))})`),
    )}`.execute(target);
    lastRowid = rows[rows.length - 1]?.omniroute_rowid ?? lastRowid;
    copied += rows.length;
    onProgress({ table, copied, total });
  }
}

/** PostgreSQL identity columns keep their own counter: after explicit ids it must start past the largest. */
async function advanceIdentities(target: Kysely<Database>, tables: string[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} and is_identity = 'YES'`.execute(target);
    for (const { column_name: column } of rows) {
      await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
        coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(target);
    }
  }
}

async function userTables(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables
    .map((table) => table.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
}

async function columnNames(db: Kysely<Database>, table: string): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.find((entry) => entry.name === table)?.columns.map((column) => column.name) ?? [];
}

async function countRows(db: Kysely<Database>, table: string): Promise<number> {
  const { rows } = await sql<{ count: number | string }>`select count(*) as count from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.count ?? 0);
}
