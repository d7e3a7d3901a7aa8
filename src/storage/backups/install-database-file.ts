import { copyFileSync, renameSync, rmSync } from 'node:fs';

/**
 * Puts `source` in place of the database at `databasePath`. Only while no connection has the database open: the
 * old WAL and shared-memory files belong to the old database and would corrupt the new one, so they go too. The copy
 * lands under a temporary name first and is renamed over the old file, so a crash leaves one whole file or the other.
 */
export function installDatabaseFile(source: string, databasePath: string): void {
  const incoming = `${databasePath}.incoming`;
  copyFileSync(source, incoming);
  try {
    rmSync(`${databasePath}-wal`, { force: true });
    rmSync(`${databasePath}-shm`, { force: true });
    renameSync(incoming, databasePath);
  } finally {
    rmSync(incoming, { force: true });
  }
}
