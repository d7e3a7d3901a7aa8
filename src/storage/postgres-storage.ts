import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PostgresAdvisoryLocks } from './postgres-advisory-locks.js';
import { listenForChanges } from './postgres-change-listener.js';
import { runMigrations, StorageError } from './run-migrations.js';
import type { Database } from './schema.js';
import type { PostgresStorage } from './storage-types.js';

/** The notification channel every configuration write signals on (see installChangeTriggers). */
export const changeChannel = 'omniroute_changes';

/**
 * Tables written on the request path or for history: their writes are not configuration, so they send no change
 * notifications. Every other table does, so a table added later is covered without a list to maintain.
 */
const quietTables = new Set([
  'request_logs',
  'request_log_bodies',
  'audit_log',
  'stored_responses',
  'response_cache',
  'dashboard_sessions',
  'eval_runs',
  'eval_results',
  'kysely_migration',
  'kysely_migration_lock',
]);

// bigint (int8) and numeric come back as strings by default; every value we store fits a double exactly
// (unix milliseconds, nano-USD sums below 2^53).
const int8Oid = 20;
const numericOid = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8Oid || oid === numericOid
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Opens a pooled PostgreSQL database, migrates it forward and installs the change triggers. */
export async function openPostgresStorage(url: string): Promise<PostgresStorage> {
  const location = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize(process.env.DATABASE_POOL_MAX),
    types,
    connectionTimeoutMillis: 10_000,
  });
  // A lost connection must not crash the process. The pool reports an idle client's error on itself, but a checked-out
  // client (Kysely holds one for each query) emits 'error' with no listener attached: an uncaught exception. Its query
  // fails on its own, and the pool discards the broken client on release.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await pool.query('select 1').catch((error: unknown) => {
      throw new StorageError(
        `Cannot connect to PostgreSQL at ${location}: ${connectReason(error)}. Check DATABASE_URL.`,
      );
    });
    await runMigrations(db, location);
    await installChangeTriggers(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const locks = new PostgresAdvisoryLocks(url);
  return {
    engine: 'postgres',
    db,
    location,
    watchChanges: (onChange, intervalMs = 100) =>
      listenForChanges({ url, types, channel: changeChannel, onChange, intervalMs }),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    withLock: (name, work) => locks.run(name, work),
    close: async () => {
      await locks.close();
      await db.destroy();
    },
  };
}

/**
 * One statement-level trigger per configuration table signals `omniroute_changes`, so every process reloads its
 * configuration within about a second of a change made by any other (the SQLite build polls data_version instead).
 * Under an advisory lock: several processes starting together must not replace the function at the same time.
 */
async function installChangeTriggers(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(20128)`.execute(trx);
    await sql`
      create or replace function omniroute_notify_change() returns trigger language plpgsql as $$
      begin
        perform pg_notify(${sql.lit(changeChannel)}, tg_table_name);
        return null;
      end $$`.execute(trx);
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(trx);
    for (const { name } of tables.rows) {
      if (quietTables.has(name)) continue;
      await sql`
        create or replace trigger omniroute_notify_change after insert or update or delete or truncate
        on ${sql.table(name)} for each statement execute function omniroute_notify_change()`.execute(trx);
    }
  });
}

/**
 * Why connecting failed, in one line. A host that resolves to both IPv4 and IPv6 fails with an AggregateError whose
 * own message is empty: its inner errors say what happened.
 */
function connectReason(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map((inner: unknown) => (inner instanceof Error ? inner.message : String(inner))).join('; ');
  }
  return error instanceof Error && error.message !== '' ? error.message : String(error);
}

function poolSize(value: string | undefined): number {
  const size = value === undefined ? 10 : Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 200) {
    throw new StorageError(`DATABASE_POOL_MAX must be a whole number from 1 to 200, not '${value}'.`);
  }
  return size;
}

/** The URL without its password, for messages and health reports. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable DATABASE_URL)';
  }
}
