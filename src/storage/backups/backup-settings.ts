import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';

/** The `backups` section of the settings (`PATCH /api/settings {"backups": {...}}`). */
export const backupSettingsSchema = z
  .object({
    /** How many backups db_backups keeps (all kinds together); the oldest go first. */
    retention: z.number().int().min(1).max(1000).default(10),
    /** Automatic backups at most this often, and only when the data changed; 0 turns them off. */
    autoIntervalMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(60),
    /** Largest database file `POST /api/db-backups/import` accepts. */
    maxImportMb: z.number().int().min(1).max(65_536).default(512),
  })
  .strict();

export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const defaultBackupSettings: BackupSettings = backupSettingsSchema.parse({});

/**
 * The stored backup settings read straight from a database file, for code that runs without the settings service
 * (the CLI, the backup taken before migrations). Anything unreadable falls back to the defaults.
 */
export function readStoredBackupSettings(sqlite: BetterSqlite3.Database): BackupSettings {
  try {
    const row = sqlite.prepare("select value from settings where key = 'app'").get() as { value?: unknown } | undefined;
    const stored: unknown = typeof row?.value === 'string' ? JSON.parse(row.value) : undefined;
    const section =
      typeof stored === 'object' && stored !== null ? (stored as { backups?: unknown }).backups : undefined;
    const parsed = backupSettingsSchema.safeParse(section ?? {});
    return parsed.success ? parsed.data : defaultBackupSettings;
  } catch {
    return defaultBackupSettings;
  }
}
