import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as storedResponses from './0002-stored-responses.js';
import * as routing from './0003-routing.js';

/**
 * Numbered migrations, applied in order at start. Never edit a shipped migration: add the next number.
 * Kept as static imports (not a folder scan) so the built package needs no file-system discovery.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-stored-responses': storedResponses,
  '0003-routing': routing,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export const latestMigration = Object.keys(migrations).at(-1);
