import { z } from 'zod';

/** The `sync` settings section. It is this instance's own role, so it is never synced itself. */
export const syncSettingsSchema = z
  .object({
    /** Serve the bundle store (`/api/cloud/*`) so other instances can sync through this one. */
    hubEnabled: z.boolean(),
    /** How often a paired, enabled instance syncs in the background; 0: only on request. */
    intervalMinutes: z.number().int().min(0).max(1440),
    /** A hub that does not answer within this time fails the sync (recorded in the status), never serving. */
    timeoutSeconds: z.number().int().min(1).max(120),
  })
  .strict();

export type SyncSettings = z.infer<typeof syncSettingsSchema>;

export const defaultSyncSettings: SyncSettings = { hubEnabled: false, intervalMinutes: 15, timeoutSeconds: 10 };
