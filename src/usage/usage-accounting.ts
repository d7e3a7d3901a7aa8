import type { Server } from 'node:http';
import { startMetricsServer } from '../admin/metrics-routes.js';
import { GatewayMetrics } from '../observability/gateway-metrics.js';
import type { Logger } from '../observability/logger.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { RetentionPurge } from '../storage/retention-purge.js';
import { RequestLogRetention } from './request-log-retention.js';
import type { RequestLogWriter } from './request-log-writer.js';
import { TelemetryWindow } from './telemetry-window.js';

/** What accounting adds to a running gateway: metrics, the telemetry window and log retention (request and audit). */
export interface UsageAccounting {
  metrics: GatewayMetrics;
  telemetry: TelemetryWindow;
  retention: RequestLogRetention;
  auditRetention: RetentionPurge;
  /** Starts the retention timers and, when configured, the separate metrics listener. */
  start(options: { metricsListener?: { port: number; host: string } }): Promise<void>;
  stop(): Promise<void>;
  /** The metrics listener's address, when one runs. */
  metricsUrl(): string | undefined;
}

export function createUsageAccounting(input: {
  repositories: Repositories;
  requestLogs: RequestLogWriter;
  runtime: RoutingRuntime;
  state: RuntimeState;
  settings: SettingsService;
  logger: Logger;
}): UsageAccounting {
  const { repositories, requestLogs, runtime, state, settings, logger } = input;
  const metrics = new GatewayMetrics(runtime, () => state.snapshot);
  const telemetry = new TelemetryWindow();
  requestLogs.subscribe(metrics.record);
  requestLogs.subscribe(telemetry.record);
  const retention = new RequestLogRetention({
    logs: repositories.requestLogs,
    bodies: repositories.requestLogBodies,
    logger,
    retentionDays: () => settings.value.requestLogs.retentionDays,
  });
  const auditRetention = new RetentionPurge({
    what: 'audit log',
    tables: [(cutoff, limit) => repositories.auditLog.deleteOlderThan(cutoff, limit)],
    logger,
    retentionDays: () => settings.value.auditLog.retentionDays,
  });
  let server: Server | undefined;
  return {
    metrics,
    telemetry,
    retention,
    auditRetention,
    async start({ metricsListener }) {
      retention.start();
      auditRetention.start();
      if (metricsListener === undefined) return;
      server = await startMetricsServer({ metrics, requestLogs, ...metricsListener });
      logger.info({ url: this.metricsUrl() }, 'Prometheus metrics listener started');
    },
    async stop() {
      await retention.stop();
      await auditRetention.stop();
      const listener = server;
      server = undefined;
      if (listener !== undefined) await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
    metricsUrl() {
      const address = server?.address();
      if (address === undefined || address === null || typeof address === 'string') return undefined;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}/metrics`;
    },
  };
}
