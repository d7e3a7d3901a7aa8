import type { FastifyInstance } from 'fastify';
import { createBaseUrlGuard } from '../admin/base-url-guard.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Logger } from '../observability/logger.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Storage } from '../storage/database.js';
import type { Repositories } from '../storage/repositories.js';
import type { SecretBox } from '../storage/secret-box.js';
import { registerHubRoutes } from './hub-routes.js';
import { HubStore } from './hub-store.js';
import { SyncClientStore } from './sync-client-store.js';
import { registerSyncRoutes } from './sync-routes.js';
import { SyncService } from './sync-service.js';

export interface CloudSyncDependencies {
  storage: Storage;
  secrets: SecretBox;
  repositories: Repositories;
  settings: SettingsService;
  audit: AuditLog;
  logger: Logger;
  /** Rebuilds what requests read after sync changed configuration (routing snapshot, key index, policies). */
  reload: () => Promise<void>;
}

/** Cloud sync: the hub's bundle store, the client routes, and the background sync (stopped with the app). */
export async function registerCloudSync(app: FastifyInstance, deps: CloudSyncDependencies): Promise<SyncService> {
  const { storage, secrets, repositories, settings, audit, logger, reload } = deps;
  const sync = new SyncService({
    db: storage.db,
    secrets,
    settings,
    store: new SyncClientStore(repositories.settings),
    audit,
    logger,
    guard: createBaseUrlGuard(settings),
    reload,
  });
  await registerHubRoutes(app, { hub: new HubStore(storage.db), settings });
  await registerSyncRoutes(app, { sync });
  sync.start();
  app.addHook('onClose', () => sync.stop());
  return sync;
}
