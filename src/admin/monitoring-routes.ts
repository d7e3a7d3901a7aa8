import type { FastifyInstance } from 'fastify';
import { buildHealthReport } from '../operations/health-report.js';
import type { OperationsContext } from '../operations/operations-context.js';
import { buildSystemInfo } from '../operations/system-info-report.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';

export interface MonitoringRouteDependencies {
  operations: OperationsContext;
  state: RuntimeState;
  runtime: RoutingRuntime;
  repositories: Repositories;
  settings: SettingsService;
}

/** `GET /api/monitoring/health` (503 when the database fails) and `GET /api/system-info` (secrets redacted). */
export async function registerMonitoringRoutes(app: FastifyInstance, deps: MonitoringRouteDependencies): Promise<void> {
  app.get('/api/monitoring/health', async (_request, reply) => {
    const report = await buildHealthReport(deps);
    // Only a failing database is a 503: without Redis the gateway still serves (on local state), so it is
    // `degraded` in the body but not unavailable to a monitor.
    return reply.code(report.database.ok ? 200 : 503).send(report);
  });

  app.get('/api/system-info', async () => buildSystemInfo(deps));
}
