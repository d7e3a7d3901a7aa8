import { type Kysely, Migrator } from 'kysely';
import { errorMessage } from '../core/errors.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export class StorageError extends Error {
  override name = 'StorageError';
}

/**
 * Migrates the database forward, the same numbered migrations on every engine. A failure names the migration and
 * never resets anything; a database written by a newer version is refused.
 */
export async function runMigrations(db: Kysely<Database>, location: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (!error) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const reason = errorMessage(error);
  const hint = reason.includes('corrupted migrations')
    ? ' It was written by a newer OmniRoute version: upgrade OmniRoute, or restore a backup.'
    : '';
  throw new StorageError(
    `Migrating the database at ${location} failed${failed ? ` at ${failed}` : ''}: ${reason}.${hint} Nothing was reset.`,
  );
}
