import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

interface StorageCommon {
  db: Kysely<Database>;
  /** Where the data lives, for messages and health: a file path, or a PostgreSQL URL without its password. */
  location: string;
  /** Calls `onChange` (at most about once per `intervalMs`) when another process commits to the database. */
  watchChanges(onChange: () => void, intervalMs?: number): () => void;
  /** Answers when the database answers; throws when it does not. */
  ping(): Promise<void>;
  /**
   * Runs `work` while no other process holds the lock `name` (PostgreSQL: an advisory lock; SQLite: one process owns
   * the file, so it runs at once). Callers in one process serialize themselves.
   */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The embedded default: one SQLite file in the data folder. */
export interface SqliteStorage extends StorageCommon {
  engine: 'sqlite';
  /** SQLite's own handle, for engine-specific needs (online backups, statistics). */
  sqlite: BetterSqlite3.Database;
  path: string;
}

/** `DATABASE_URL=postgres://…`: shared by several gateway processes. */
export interface PostgresStorage extends StorageCommon {
  engine: 'postgres';
}

export type Storage = SqliteStorage | PostgresStorage;
