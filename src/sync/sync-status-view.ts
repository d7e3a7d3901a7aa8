import type { SyncPairing, SyncStatusRecord } from './sync-client-store.js';
import type { SyncSettings } from './sync-settings.js';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** `GET /api/sync/cloud`: what a user needs to trust sync (never the token or the passphrase). */
export function syncStatusView({
  pairing,
  status,
  instanceId,
  settings,
  running,
}: {
  pairing: SyncPairing | undefined;
  status: SyncStatusRecord;
  instanceId: string;
  settings: SyncSettings;
  running: boolean;
}) {
  return {
    paired: pairing !== undefined,
    enabled: pairing?.enabled ?? false,
    hubUrl: pairing?.hubUrl ?? null,
    space: pairing?.space ?? null,
    instanceId,
    running,
    hubRole: settings.hubEnabled,
    intervalMinutes: settings.intervalMinutes,
    lastSyncAt: iso(status.lastSyncAt),
    lastPullAt: iso(status.lastPullAt),
    lastPushAt: iso(status.lastPushAt),
    hubVersion: status.hubVersion,
    lastError: status.lastError && { ...status.lastError, at: iso(status.lastError.at) },
    conflicts: status.conflicts.map((conflict) => ({ ...conflict, at: iso(conflict.at) })),
  };
}

export type SyncStatusView = ReturnType<typeof syncStatusView>;
