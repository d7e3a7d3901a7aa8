import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SettingsRepository } from '../storage/repositories/settings-repository.js';

/** This instance's pairing with a hub; token and passphrase sealed with the storage key (periodic sync needs them). */
const pairingSchema = z.object({
  hubUrl: z.string(),
  space: z.string(),
  sealedToken: z.string(),
  sealedPassphrase: z.string(),
  enabled: z.boolean(),
  pairedAt: z.number(),
});

const conflictSchema = z.object({
  at: z.number(),
  kind: z.string(),
  id: z.string(),
  reason: z.string(),
  winnerOrigin: z.string(),
  loserOrigin: z.string(),
});

const statusSchema = z.object({
  lastSyncAt: z.number().nullable(),
  lastPushAt: z.number().nullable(),
  lastPullAt: z.number().nullable(),
  hubVersion: z.number().nullable(),
  lastError: z.object({ message: z.string(), code: z.string(), action: z.string(), at: z.number() }).nullable(),
  conflicts: z.array(conflictSchema),
});

export type SyncPairing = z.infer<typeof pairingSchema>;
export type SyncStatusRecord = z.infer<typeof statusSchema>;
export type ConflictRecord = z.infer<typeof conflictSchema>;

const emptyStatus: SyncStatusRecord = {
  lastSyncAt: null,
  lastPushAt: null,
  lastPullAt: null,
  hubVersion: null,
  lastError: null,
  conflicts: [],
};

/** Conflicts kept in the status; the audit log keeps every one. */
const maxConflicts = 20;

/** Pairing, status and instance id, kept in the settings table under their own keys (not user settings). */
export class SyncClientStore {
  constructor(private readonly settings: SettingsRepository) {}

  async instanceId(): Promise<string> {
    const stored = await this.settings.get('sync.instance');
    if (typeof stored === 'string') return stored;
    const id = randomUUID();
    await this.settings.set('sync.instance', id);
    return id;
  }

  async pairing(): Promise<SyncPairing | undefined> {
    const parsed = pairingSchema.safeParse(await this.settings.get('sync.pairing'));
    return parsed.success ? parsed.data : undefined;
  }

  async savePairing(pairing: SyncPairing): Promise<void> {
    await this.settings.set('sync.pairing', pairing);
  }

  async status(): Promise<SyncStatusRecord> {
    const parsed = statusSchema.safeParse(await this.settings.get('sync.status'));
    return parsed.success ? parsed.data : emptyStatus;
  }

  async updateStatus(change: Partial<SyncStatusRecord>, conflicts: ConflictRecord[] = []): Promise<void> {
    const current = await this.status();
    const next = { ...current, ...change, conflicts: [...conflicts, ...current.conflicts].slice(0, maxConflicts) };
    await this.settings.set('sync.status', next);
  }

  async resetStatus(): Promise<void> {
    await this.settings.set('sync.status', emptyStatus);
  }
}
