import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { packageVersion } from '../cli/version.js';
import { redactSecrets } from '../observability/redact-secrets.js';
import { appliedMigrations, tableCounts } from './database-stats.js';
import { createTarGzip } from './tar-gzip.js';

export const exportArchiveEntries = ['manifest.json', 'settings.json', 'omniroute.sqlite'] as const;

/**
 * The full export: the database (a consistent copy already written to `databaseFile`), the settings as JSON and a
 * manifest, both read from that same copy and redacted. The encryption key is never part of it: provider secrets in
 * the database stay sealed, and restoring them needs the key kept apart (STORAGE_ENCRYPTION_KEY or storage.key).
 */
export function buildExportArchive({ databaseFile }: { databaseFile: string }): Readable {
  const created = new Date();
  const { settings, counts, migrations } = readCopy(databaseFile);
  const manifest = {
    format: 'omniroute-export',
    formatVersion: 1,
    version: packageVersion,
    created: created.toISOString(),
    migrations,
    counts,
    files: exportArchiveEntries,
    encryptionKey:
      'not included: provider secrets in omniroute.sqlite are sealed; keep STORAGE_ENCRYPTION_KEY or DATA_DIR/storage.key separately',
  };
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  return createTarGzip([
    { name: 'manifest.json', mtime: created, content: { data: json(manifest) } },
    { name: 'settings.json', mtime: created, content: { data: json(settings) } },
    {
      name: 'omniroute.sqlite',
      mtime: created,
      content: { file: databaseFile, size: statSync(databaseFile).size },
    },
  ]);
}

function readCopy(path: string): { settings: unknown; counts: Record<string, number>; migrations: string[] } {
  const sqlite = new BetterSqlite3(path, { fileMustExist: true });
  try {
    sqlite.pragma('query_only = ON');
    const rows = sqlite.prepare('select key, value from settings order by key').all() as Array<{
      key: string;
      value: string;
    }>;
    const settings = Object.fromEntries(rows.map(({ key, value }) => [key, parseJson(value)]));
    return { settings: redactSecrets(settings), counts: tableCounts(sqlite), migrations: appliedMigrations(sqlite) };
  } finally {
    sqlite.close();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
