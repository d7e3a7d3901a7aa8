import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStorage, type Storage } from '../../src/storage/database.js';
import { openPostgresStorage } from '../../src/storage/postgres-storage.js';

/**
 * The storage engines a shared test suite runs on: SQLite always; PostgreSQL when `TEST_DATABASE_URL` points at a
 * server whose user may create databases (`.ci/run` starts one). In CI a missing PostgreSQL is an error, not a skip.
 */
export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** A new, empty, migrated database; `dispose` closes and deletes it. */
  open(): Promise<{ storage: Storage; url?: string; dispose(): Promise<void> }>;
}

const postgresUrl = process.env.TEST_DATABASE_URL;
/** A Redis server the shared-state suites may use (and flush), when set. */
export const testRedisUrl = process.env.TEST_REDIS_URL;
if ((postgresUrl === undefined || testRedisUrl === undefined) && process.env.CI === 'true') {
  throw new Error(
    'CI runs the storage and shared-state suites on PostgreSQL and Redis: set TEST_DATABASE_URL and TEST_REDIS_URL (see .ci/run).',
  );
}

export const sqliteEngine: TestEngine = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'omniroute-db-'));
    const storage = await openStorage(dir);
    return {
      storage,
      async dispose() {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresEngine: TestEngine | undefined =
  postgresUrl === undefined
    ? undefined
    : {
        name: 'postgres',
        async open() {
          const url = await createTestDatabase();
          const storage = await openPostgresStorage(url);
          return {
            storage,
            url,
            async dispose() {
              await storage.close();
              await dropTestDatabase(url);
            },
          };
        },
      };

export const testEngines: TestEngine[] = postgresEngine === undefined ? [sqliteEngine] : [sqliteEngine, postgresEngine];

/** A fresh database on the test server; its URL. */
export async function createTestDatabase(): Promise<string> {
  if (postgresUrl === undefined) throw new Error('TEST_DATABASE_URL is not set');
  const name = `omniroute_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
}

async function withAdmin(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

/** A key prefix of its own (`REDIS_PREFIX`), so suites sharing the test Redis never meet each other's keys or channels. */
export function uniqueRedisPrefix(): string {
  return `omniroute-test-${randomBytes(5).toString('hex')}:`;
}

/**
 * The environment of gateways that share one PostgreSQL database (and one Redis, when given): the same database,
 * the same encryption key (secrets are sealed with it), and a Redis prefix of their own. Build it once per group.
 */
export function clusterEnv(databaseUrl: string, redisUrl?: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    STORAGE_ENCRYPTION_KEY: 'cluster-test-key-0123456789abcdef0123',
    ...(redisUrl === undefined ? {} : { REDIS_URL: redisUrl, REDIS_PREFIX: uniqueRedisPrefix() }),
  };
}
