import type { Kysely } from 'kysely';
import { GatewayError } from '../core/errors.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Database } from '../storage/schema.js';
import type { SecretBox } from '../storage/secret-box.js';
import { applySyncEntries } from './apply-sync-entries.js';
import { detectLocalChanges } from './detect-local-changes.js';
import type { HubClient } from './hub-client.js';
import { type MergeResult, mergeSyncEntries } from './merge-sync-entries.js';
import { readLocalObjects } from './read-local-objects.js';
import { openBundle, readBundleKdf, sealBundle } from './sync-bundle.js';
import { newKdf, type SyncKdf, type SyncKeys } from './sync-crypto.js';
import { entryKey } from './sync-entry.js';
import { markAllSynced } from './sync-objects-store.js';

/** pull: merge the hub's bundle in; push: make the hub's bundle this instance's state; sync: pull, then push the merge. */
export type SyncAction = 'pull' | 'push' | 'sync';

export interface SyncRunContext {
  db: Kysely<Database>;
  secrets: SecretBox;
  settings: SettingsService;
  hub: HubClient;
  instanceId: string;
  /** Keys derived from the passphrase for a bundle's KDF parameters (cached by the caller: scrypt is slow on purpose). */
  keysFor: (kdf: SyncKdf) => Promise<SyncKeys>;
  /** Called after local objects changed: routing snapshot, key index, policies. */
  reload: () => Promise<void>;
  now?: () => number;
}

export interface SyncOutcome {
  /** Objects written or deleted locally. */
  applied: MergeResult['apply'];
  conflicts: MergeResult['conflicts'];
  pulled: boolean;
  /** The hub's bundle version after a push. */
  pushedVersion: number | undefined;
}

/** Someone else pushing between our read and write costs a retry of the whole pass; this many, then an error. */
const maxAttempts = 3;

/** One sync pass. A bundle that fails verification throws before anything local is written. */
export async function runSync(context: SyncRunContext, action: SyncAction): Promise<SyncOutcome> {
  const { db, secrets, settings, hub, instanceId, keysFor, reload, now = Date.now } = context;
  // A retried pass sees earlier attempts' changes as local state already: report every attempt's.
  const applied: SyncOutcome['applied'] = [];
  const conflicts: SyncOutcome['conflicts'] = [];
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const startedAt = now();
    const objects = await readLocalObjects({ db, secrets, settings: settings.value });
    const local = await detectLocalChanges({ db, objects, instanceId, now: startedAt });
    const remote = await hub.get();
    const kdf = remote === undefined ? newKdf() : pushKdf(remote.bundle, action);
    const keys = await keysFor(kdf);
    const seal = (entries: MergeResult['merged']) =>
      sealBundle({ entries: entries.values(), keys, kdf, origin: instanceId, now: startedAt });

    if (action === 'push') {
      const pushedVersion = await hub.put(seal(local.entries), remote?.version);
      if (pushedVersion === undefined) continue;
      await markAllSynced(db);
      return { applied: [], conflicts: [], pulled: false, pushedVersion };
    }

    const remoteEntries = remote === undefined ? [] : openBundle(remote.bundle, keys);
    const remoteMap = new Map(remoteEntries.map((entry) => [entryKey(entry.kind, entry.id), entry]));
    const result = mergeSyncEntries({ local: local.entries, remote: remoteMap, base: local.base });
    const settingsPatch = await applySyncEntries({
      db,
      secrets,
      settings: settings.value,
      apply: result.apply,
      merged: result.merged.values(),
      // A version the hub already holds becomes the merge base; the others keep theirs until the push succeeds.
      synced: (entry) => (remoteMap.get(entryKey(entry.kind, entry.id))?.hash === entry.hash ? true : 'keep'),
    });
    if (settingsPatch !== undefined) await settings.update(settingsPatch, 'put');
    if (result.apply.length > 0) await reload();
    applied.push(...result.apply);
    conflicts.push(...result.conflicts);
    const outcome = { applied, conflicts, pulled: true, pushedVersion: undefined };
    if (action === 'pull') return outcome;

    const pushedVersion = await hub.put(seal(result.merged), remote?.version);
    if (pushedVersion === undefined) continue;
    await markAllSynced(db);
    return { ...outcome, pushedVersion };
  }
  throw new GatewayError('conflict', 'The sync hub kept changing while this instance synced: try again.', {
    status: 409,
  });
}

/** A push replaces the hub's bundle, so it may start over when the old one is unreadable; a pull may not. */
function pushKdf(bundle: unknown, action: SyncAction): SyncKdf {
  if (action !== 'push') return readBundleKdf(bundle);
  try {
    return readBundleKdf(bundle);
  } catch {
    return newKdf();
  }
}
