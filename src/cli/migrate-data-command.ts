import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { expandHome, loadConfig } from '../config/config.js';
import { openStorage } from '../storage/database.js';
import { openPostgresStorage, redactUrl } from '../storage/postgres-storage.js';
import { copyDatabase, type TableProgress } from '../storage/transfer/copy-database.js';

const usage =
  'Usage: omniroute migrate-data --from sqlite:PATH --to postgres://USER:PASSWORD@HOST:PORT/DB\n' +
  '  PATH: a data folder (~/.omniroute) or its storage.sqlite file. The target database must be empty.';

/**
 * `omniroute migrate-data`: moves an installation from its SQLite file into PostgreSQL. Both are migrated to this
 * version first (the SQLite file gets its usual pre-migration backup), every table is copied with its ids, and the
 * row counts are compared at the end. The SQLite file is left as it was.
 */
export async function runMigrateDataCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, to: { type: 'string' } },
    strict: true,
  });
  const from = values.from?.startsWith('sqlite:') ? values.from.slice('sqlite:'.length) : undefined;
  const to = values.to;
  if (from === undefined || from === '' || to === undefined || !/^postgres(ql)?:\/\//.test(to)) {
    console.error(usage);
    return 2;
  }
  const path = resolve(expandHome(from));
  const dataDir = basename(path) === 'storage.sqlite' ? dirname(path) : path;
  const source = await openStorage(dataDir);
  try {
    const target = await openPostgresStorage(to);
    try {
      console.log(`Copying ${source.path} into ${redactUrl(to)}…`);
      const report = await copyDatabase(source.db, target.db, progressPrinter());
      for (const { table, source: rows, target: copied } of report.tables) {
        console.log(`  ${table.padEnd(24)} ${String(rows).padStart(9)} → ${String(copied).padStart(9)}`);
      }
      if (!report.verified) {
        console.error('Row counts differ between the two databases (see above): do not switch to it yet.');
        return 1;
      }
      const rows = report.tables.reduce((sum, entry) => sum + entry.target, 0);
      console.log(`Verified: ${rows} rows in ${report.tables.length} tables, the same count on both sides.`);
      const keyHint = loadConfig(process.env, { dataDir }).storageEncryptionKey
        ? 'the same STORAGE_ENCRYPTION_KEY'
        : `STORAGE_ENCRYPTION_KEY set to the contents of ${resolve(dataDir, 'storage.key')}`;
      console.log(
        `Start every gateway with DATABASE_URL=${redactUrl(to)} and ${keyHint} (provider secrets are sealed with it).`,
      );
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** A bar on a terminal, a line per finished table otherwise (CI logs). */
function progressPrinter(): (progress: TableProgress) => void {
  const tty = process.stdout.isTTY === true;
  return ({ table, copied, total }) => {
    const done = total === 0 ? 1 : copied / total;
    if (tty) {
      const width = 30;
      const filled = Math.round(done * width);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
      process.stdout.write(
        `\r  [${bar}] ${String(Math.round(done * 100)).padStart(3)}% ${table} ${copied}/${total}\x1b[K`,
      );
      if (copied === total) process.stdout.write('\n');
    } else if (copied === total) {
      console.log(`  copied ${table}: ${total} rows`);
    }
  };
}
