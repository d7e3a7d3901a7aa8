import type { Kysely } from 'kysely';
import { type AppSettings, defaultAppSettings } from '../settings/app-settings.js';
import type { Database } from '../storage/schema.js';
import type { SecretBox } from '../storage/secret-box.js';
import { canonicalJson } from './canonical-json.js';
import { loose } from './loose-database.js';
import type { SyncContent } from './sync-entry.js';
import { localSettingSections, objectIdOf, settingKind, syncTables } from './sync-kinds.js';

/** A configuration object as it is now in this instance's database. */
export interface LocalObject {
  kind: string;
  id: string;
  content: SyncContent;
  /** The row's own edit time, when its table keeps one (0: a settings section still at its default). */
  rowUpdatedAt?: number;
}

/** Reads every synced object, secrets opened with the storage key (they are sealed again for the bundle). */
export async function readLocalObjects({
  db,
  secrets,
  settings,
}: {
  db: Kysely<Database>;
  secrets: SecretBox;
  settings: AppSettings;
}): Promise<LocalObject[]> {
  const objects: LocalObject[] = [];
  for (const table of syncTables) {
    const rows = await loose(db).selectFrom(table.table).selectAll().execute();
    for (const row of rows) {
      const content: SyncContent = { data: {}, secrets: {} };
      for (const column of table.columns) {
        const value = row[column.name] ?? null;
        if (column.secret) content.secrets[column.name] = typeof value === 'string' ? secrets.open(value) : null;
        // PostgreSQL returns bigint columns as strings: integers are numbers in the bundle whatever the engine.
        else content.data[column.name] = column.type === 'integer' && value !== null ? Number(value) : value;
      }
      const rowUpdatedAt = table.updatedAtColumn === undefined ? undefined : Number(row[table.updatedAtColumn]);
      objects.push({ kind: table.kind, id: objectIdOf(table, row), content, rowUpdatedAt });
    }
  }
  const stored = await db.selectFrom('settings').select('updated_at').where('key', '=', 'app').executeTakeFirst();
  for (const [section, value] of Object.entries(settings)) {
    if (localSettingSections.has(section)) continue;
    const atDefault = canonicalJson(value) === canonicalJson(defaultAppSettings[section as keyof AppSettings]);
    // A section never changed from its default must not outrank another instance's real choice.
    const rowUpdatedAt = atDefault ? 0 : Number(stored?.updated_at ?? 0);
    objects.push({ kind: settingKind, id: section, content: { data: { value }, secrets: {} }, rowUpdatedAt });
  }
  return objects;
}
