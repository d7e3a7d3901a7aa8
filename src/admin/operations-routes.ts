import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../core/errors.js';
import type { OperationsContext } from '../operations/operations-context.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { registerBackupRoutes } from './backup-routes.js';
import { registerBackupTransferRoutes } from './backup-transfer-routes.js';
import { registerLifecycleRoutes } from './lifecycle-routes.js';
import { registerMonitoringRoutes } from './monitoring-routes.js';
import type { RegisteredRoute } from './openapi/route-registry.js';
import { registerOpenApiRoutes } from './openapi-routes.js';

/** A PostgreSQL database has its own backup tools: the backup routes say so instead of answering 404. */
function registerBackupRefusals(app: FastifyInstance): void {
  const refuse = async () => {
    throw new GatewayError(
      'conflict',
      'The database is PostgreSQL (DATABASE_URL): back it up with pg_dump or your provider’s snapshots. ' +
        "OmniRoute's own backups, exports and imports are for its embedded SQLite database.",
    );
  };
  app.all('/api/db-backups', refuse);
  app.all('/api/db-backups/*', refuse);
}

export interface OperationsRouteDependencies {
  operations: OperationsContext;
  repositories: Repositories;
  state: RuntimeState;
  runtime: RoutingRuntime;
  settings: SettingsService;
  /** Every route of the app, for the OpenAPI document (see recordRoutes). */
  routes: readonly RegisteredRoute[];
  publicPaths: ReadonlySet<string>;
}

/** Operations: health and diagnostics, restart and shutdown, backups, and the OpenAPI document. */
export async function registerOperationsRoutes(app: FastifyInstance, deps: OperationsRouteDependencies): Promise<void> {
  await registerMonitoringRoutes(app, deps);
  await registerLifecycleRoutes(app, deps);
  const { backups } = deps.operations;
  if (backups === undefined) {
    registerBackupRefusals(app);
  } else {
    await registerBackupRoutes(app, { ...deps, backups });
    await registerBackupTransferRoutes(app, { ...deps, backups });
  }
  await registerOpenApiRoutes(app, deps);
}
