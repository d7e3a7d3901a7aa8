import type { FastifyInstance } from 'fastify';
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
  await registerBackupRoutes(app, deps);
  await registerBackupTransferRoutes(app, deps);
  await registerOpenApiRoutes(app, deps);
}
