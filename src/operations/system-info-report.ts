import { arch, cpus, platform, release, totalmem } from 'node:os';
import { packageVersion } from '../cli/version.js';
import { redactSecrets } from '../observability/redact-secrets.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { OperationsContext } from './operations-context.js';
import { storageStats } from './storage-stats.js';

export interface SystemInfoInputs {
  operations: OperationsContext;
  settings: SettingsService;
  state: RuntimeState;
  runtime: RoutingRuntime;
}

/**
 * `GET /api/system-info`: what a bug report needs. Secrets never appear: the configuration is listed field by field
 * (the encryption key and initial password only as "set or not"), and everything passes through `redactSecrets`.
 */
export async function buildSystemInfo({ operations, settings, state, runtime }: SystemInfoInputs): Promise<unknown> {
  const { config, storage, backups, startedAt } = operations;
  const backupList = backups?.list() ?? [];
  const { counts, ...database } = await storageStats(storage);
  return redactSecrets({
    generatedAt: new Date().toISOString(),
    version: packageVersion,
    runtime: {
      node: process.version,
      platform: platform(),
      arch: arch(),
      osRelease: release(),
      cpus: cpus().length,
      totalMemoryBytes: totalmem(),
      pid: process.pid,
    },
    uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
    processUptimeSeconds: Math.floor(process.uptime()),
    memory: process.memoryUsage(),
    dataDir: config.dataDir,
    config: {
      port: config.port,
      host: config.host,
      configFile: config.configFile ?? null,
      requireApiKey: config.requireApiKey,
      logLevel: config.logLevel,
      bodyLimitBytes: config.bodyLimitBytes,
      upstream: config.upstream,
      shutdownGraceMs: config.shutdownGraceMs,
      encryptionKeySource: config.storageEncryptionKey === undefined ? 'DATA_DIR/storage.key' : 'environment',
      initialPasswordSet: config.initialPassword !== undefined,
    },
    database,
    counts: {
      ...counts,
      catalogProviders: state.snapshot.providers.length,
      activeProviders: state.snapshot.activeConnections.size,
    },
    settings: settings.value,
    routing: runtime.routing,
    resilience: runtime.resilience,
    backups:
      backups === undefined
        ? null
        : { directory: backups.store.directory, count: backupList.length, newest: backupList[0] ?? null },
  });
}
