import type { Kysely } from 'kysely';
import type { BaseUrlGuard } from '../admin/base-url-guard.js';
import type { AuditLog } from '../audit/audit-log.js';
import { GatewayError } from '../core/errors.js';
import type { Logger } from '../observability/logger.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Database } from '../storage/schema.js';
import type { SecretBox } from '../storage/secret-box.js';
import { HubClient } from './hub-client.js';
import { runSync, type SyncAction, type SyncOutcome } from './run-sync.js';
import { readBundleKdf } from './sync-bundle.js';
import type { SyncClientStore, SyncPairing } from './sync-client-store.js';
import { deriveSyncKeys, keyCheckOf, type SyncKdf, type SyncKeys, sameMac, wrongPassphrase } from './sync-crypto.js';
import { syncStatusView } from './sync-status-view.js';

export interface SyncServiceOptions {
  db: Kysely<Database>;
  secrets: SecretBox;
  settings: SettingsService;
  store: SyncClientStore;
  audit: AuditLog;
  logger: Logger;
  guard: BaseUrlGuard;
  reload: () => Promise<void>;
}

export interface PairingInput {
  hubUrl: string;
  token: string;
  passphrase: string;
  space: string;
}

/**
 * The client side of cloud sync: pairing, enable/disable, one pass at a time, and the background timer. Sync runs
 * off the request path (a timer, or a management call) and every failure lands in the status, never in serving.
 */
export class SyncService {
  /** Passes run one after another: each waits for the previous one to settle. */
  private queue: Promise<unknown> = Promise.resolve();
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private keyCache = new Map<string, Promise<SyncKeys>>();

  constructor(private readonly options: SyncServiceOptions) {}

  async status() {
    const { store, settings } = this.options;
    return syncStatusView({
      pairing: await store.pairing(),
      status: await store.status(),
      instanceId: await store.instanceId(),
      settings: settings.value.sync,
      running: this.active > 0,
    });
  }

  /** Pairs with a hub after checking it answers, takes the token, and (when it holds a bundle) the passphrase. */
  async initialize(input: PairingInput): Promise<void> {
    const { guard, secrets, store, db } = this.options;
    await guard(input.hubUrl, undefined);
    const hub = this.hubClient(input);
    const remote = await hub.get();
    const keyCache = new Map<string, Promise<SyncKeys>>();
    if (remote !== undefined) {
      const raw = remote.bundle as { keyCheck?: unknown };
      const keys = await this.deriveCached(keyCache, input.passphrase, readBundleKdf(remote.bundle));
      if (!sameMac(String(raw.keyCheck), keyCheckOf(keys))) throw wrongPassphrase();
    }
    await this.waitIdle();
    await store.savePairing({
      hubUrl: input.hubUrl,
      space: input.space,
      sealedToken: secrets.seal(input.token),
      sealedPassphrase: secrets.seal(input.passphrase),
      enabled: true,
      pairedAt: Date.now(),
    });
    this.keyCache = keyCache;
    // A new hub shares no history with this instance: nothing is "already agreed" with it.
    await db.updateTable('sync_objects').set({ synced_hash: null }).execute();
    await store.resetStatus();
  }

  async setEnabled(enabled: boolean): Promise<void> {
    const pairing = await this.requirePairing();
    await this.options.store.savePairing({ ...pairing, enabled });
  }

  /** Runs one pass now, after any pass in progress. Errors are recorded in the status and thrown. */
  async run(action: SyncAction): Promise<SyncOutcome> {
    const pass = this.queue.then(() => this.pass(action));
    this.queue = pass.catch(() => undefined);
    this.active += 1;
    try {
      return await pass;
    } finally {
      this.active -= 1;
    }
  }

  /** Background sync: checks every minute whether the interval has passed. */
  start(checkEveryMs = 60_000): void {
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.options.logger.warn({ err: error }, 'background sync failed'));
    }, checkEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.waitIdle();
  }

  async tick(): Promise<void> {
    const { intervalMinutes } = this.options.settings.value.sync;
    const pairing = await this.options.store.pairing();
    if (intervalMinutes === 0 || pairing?.enabled !== true || this.active > 0) return;
    const { lastSyncAt, lastError } = await this.options.store.status();
    const last = Math.max(lastSyncAt ?? pairing.pairedAt, lastError?.at ?? 0);
    if (Date.now() - last < intervalMinutes * 60_000) return;
    await this.run('sync');
  }

  private async pass(action: SyncAction): Promise<SyncOutcome> {
    const { db, secrets, settings, store, reload } = this.options;
    const pairing = await this.requirePairing();
    const passphrase = secrets.open(pairing.sealedPassphrase);
    const hub = this.hubClient({ ...pairing, token: secrets.open(pairing.sealedToken) });
    const instanceId = await store.instanceId();
    const keysFor = (kdf: SyncKdf) => this.deriveCached(this.keyCache, passphrase, kdf);
    try {
      const outcome = await runSync({ db, secrets, settings, hub, instanceId, keysFor, reload }, action);
      this.record(outcome);
      const at = Date.now();
      await store.updateStatus(
        {
          lastError: null,
          ...(outcome.pulled ? { lastPullAt: at } : {}),
          ...(outcome.pushedVersion === undefined ? {} : { lastPushAt: at, hubVersion: outcome.pushedVersion }),
          ...(action === 'sync' ? { lastSyncAt: at } : {}),
        },
        outcome.conflicts.map(({ winner, loser, reason }) => ({
          at,
          kind: loser.kind,
          id: loser.id,
          reason,
          winnerOrigin: winner.origin,
          loserOrigin: loser.origin,
        })),
      );
      return outcome;
    } catch (error) {
      const failure = error instanceof GatewayError ? error : new GatewayError('internal', String(error));
      await store.updateStatus({ lastError: { message: failure.message, code: failure.code, action, at: Date.now() } });
      throw error;
    }
  }

  /** The losing version of every conflict goes to the audit log (plain fields only: secrets never leave the bundle). */
  private record(outcome: SyncOutcome): void {
    const { audit } = this.options;
    for (const { winner, loser, reason } of outcome.conflicts) {
      const version = (entry: typeof winner) => ({
        updatedAt: entry.updatedAt,
        origin: entry.origin,
        deleted: entry.deleted,
      });
      audit.record({
        actor: 'sync',
        action: 'sync.conflict',
        target: `${loser.kind}:${loser.id}`,
        details: { reason, winner: version(winner), loser: { ...version(loser), data: loser.content?.data ?? null } },
      });
    }
    if (outcome.applied.length > 0) {
      const changed = outcome.applied
        .slice(0, 50)
        .map((entry) => `${entry.kind}:${entry.id}${entry.deleted ? ' (deleted)' : ''}`);
      audit.record({ actor: 'sync', action: 'sync.apply', details: { count: outcome.applied.length, changed } });
    }
  }

  private async requirePairing(): Promise<SyncPairing> {
    const pairing = await this.options.store.pairing();
    if (pairing !== undefined) return pairing;
    throw new GatewayError('conflict', 'This instance is not paired with a sync hub: POST /api/sync/initialize first.');
  }

  private hubClient(target: { hubUrl: string; space: string; token: string }): HubClient {
    const timeoutMs = this.options.settings.value.sync.timeoutSeconds * 1000;
    return new HubClient({ ...target, timeoutMs });
  }

  private deriveCached(cache: Map<string, Promise<SyncKeys>>, passphrase: string, kdf: SyncKdf): Promise<SyncKeys> {
    const id = `${kdf.salt}:${kdf.N}:${kdf.r}:${kdf.p}`;
    let keys = cache.get(id);
    if (keys === undefined) {
      keys = deriveSyncKeys(passphrase, kdf);
      keys.catch(() => cache.delete(id));
      cache.set(id, keys);
    }
    return keys;
  }

  private async waitIdle(): Promise<void> {
    let current: Promise<unknown>;
    do {
      current = this.queue;
      await current;
    } while (current !== this.queue);
  }
}
