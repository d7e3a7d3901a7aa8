import type { Kysely } from 'kysely';
import { type AppSettings, appSettingsSchema } from '../settings/app-settings.js';
import type { Database } from '../storage/schema.js';
import type { SecretBox } from '../storage/secret-box.js';
import { loose } from './loose-database.js';
import { bundleRefused } from './sync-crypto.js';
import type { SyncEntry } from './sync-entry.js';
import { isKnownObject, type SyncTable, settingKind, syncTableFor } from './sync-kinds.js';
import { saveTracked } from './sync-objects-store.js';

/**
 * Writes the merge's outcome in one transaction: deletions first (a name freed by one object may be taken by
 * another), then upserts, then the tracking rows. Settings are validated here as a whole and returned for the
 * settings service to apply (it keeps the in-memory copy and tells its listeners). Any failure rolls back everything.
 */
export async function applySyncEntries({
  db,
  secrets,
  settings,
  apply,
  merged,
  synced,
}: {
  db: Kysely<Database>;
  secrets: SecretBox;
  settings: AppSettings;
  apply: SyncEntry[];
  merged: Iterable<SyncEntry>;
  /** Whether a merged version is the hub's too (becomes the merge base); 'keep': leave the base as it is. */
  synced: (entry: SyncEntry) => boolean | 'keep';
}): Promise<Partial<AppSettings> | undefined> {
  const settingsPatch = settingsFrom(apply, settings);
  const rows = apply.filter((entry) => syncTableFor(entry.kind) !== undefined);
  await db.transaction().execute(async (trx) => {
    for (const entry of rows.filter((row) => row.deleted)) {
      const table = syncTableFor(entry.kind) as SyncTable;
      let query = loose(trx).deleteFrom(table.table);
      for (const [column, value] of keyValues(table, entry)) query = query.where(column, '=', value);
      await query.execute();
    }
    for (const entry of rows.filter((row) => !row.deleted)) {
      const table = syncTableFor(entry.kind) as SyncTable;
      const values = rowValues(table, entry, secrets);
      const { created_at: _created, ...updates } = values;
      for (const column of table.key) delete updates[column];
      await loose(trx)
        .insertInto(table.table)
        .values(values)
        .onConflict((conflict) => conflict.columns(table.key).doUpdateSet(updates))
        .execute();
    }
    await saveTracked(trx, merged, synced);
  });
  return settingsPatch;
}

function settingsFrom(apply: SyncEntry[], current: AppSettings): Partial<AppSettings> | undefined {
  const sections = apply.filter(
    (entry) => entry.kind === settingKind && !entry.deleted && isKnownObject(entry.kind, entry.id),
  );
  if (sections.length === 0) return undefined;
  const patch = Object.fromEntries(sections.map((entry) => [entry.id, entry.content?.data.value]));
  const parsed = appSettingsSchema.safeParse({ ...current, ...patch });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? '';
    throw bundleRefused(`its setting '${field}' is not valid for this version`);
  }
  return Object.fromEntries(sections.map((entry) => [entry.id, parsed.data[entry.id as keyof AppSettings]]));
}

function keyValues(table: SyncTable, entry: SyncEntry): [string, unknown][] {
  if (table.key.length === 1) return [[table.key[0] as string, entry.id]];
  const values = JSON.parse(entry.id) as unknown[];
  return table.key.map((column, index) => [column, values[index]]);
}

function rowValues(table: SyncTable, entry: SyncEntry, secrets: SecretBox): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const column of table.columns) {
    if (column.secret) {
      const plain = entry.content?.secrets[column.name] ?? null;
      values[column.name] = plain === null ? null : secrets.seal(plain);
    } else values[column.name] = entry.content?.data[column.name] ?? null;
  }
  // The row's own edit time is the winning version's: re-reading it later detects no change.
  if (table.updatedAtColumn !== undefined) values[table.updatedAtColumn] = entry.updatedAt;
  return values;
}
