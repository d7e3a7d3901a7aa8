import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { AuditLog } from './audit/audit-log.js';
import { ensurePassword } from './auth/ensure-password.js';
import { RedisLink } from './cluster/redis-link.js';
import { SharedResilience } from './cluster/shared-resilience.js';
import { applyConfigFile } from './config/apply-config-file.js';
import type { Config } from './config/config.js';
import { readConfigFile } from './config/config-file.js';
import { InFlightHandlers } from './http/in-flight-handlers.js';
import type { Logger } from './observability/logger.js';
import { AutoBackup } from './operations/auto-backup.js';
import { BackupService } from './operations/backup-service.js';
import { type GatewayLifecycle, type GatewayStop, superviseGateway } from './operations/gateway-supervisor.js';
import { RoutingRuntime } from './routing/routing-runtime.js';
import { SettingsService } from './settings/settings-service.js';
import { ConfigChanges } from './state/config-changes.js';
import { loadRequestShapingState } from './state/request-shaping-state.js';
import { RoutingStateStore } from './state/routing-state-store.js';
import { RuntimeState } from './state/runtime-state.js';
import { BackupStore } from './storage/backups/backup-store.js';
import { databasePath, openDatabase } from './storage/database.js';
import { createRepositories, type Repositories } from './storage/repositories.js';
import { createSecretBox, loadEncryptionKey } from './storage/secret-box.js';
import { readProxyEnvironment } from './upstream/proxy-selector.js';
import { UpstreamClient } from './upstream/upstream-client.js';
import { RequestLogWriter } from './usage/request-log-writer.js';
import { createUsageAccounting } from './usage/usage-accounting.js';

export interface RunningGateway {
  app: FastifyInstance;
  url: string;
  repositories: Repositories;
  state: RuntimeState;
  requestLogs: RequestLogWriter;
  runtime: RoutingRuntime;
  passwordSet: boolean;
  /** The separate Prometheus listener's URL, when `METRICS_PORT` is set. */
  metricsUrl?: string;
  /** Graceful: stop accepting, let in-flight requests finish (bounded), flush queues, close the database. */
  close(): Promise<void>;
  /** Resolves when the gateway stopped for good: close(), POST /api/shutdown, or a restart that failed. */
  stopped: Promise<GatewayStop>;
}

/** Starts the gateway; `POST /api/restart` (and restores) start it again in this process (see gateway-supervisor). */
export function startGateway(
  config: Config,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningGateway> {
  return superviseGateway({
    open: (lifecycle, port) => openGateway(port === undefined ? config : { ...config, port }, logger, env, lifecycle),
    dataDir: config.dataDir,
    databasePath: databasePath(config.dataDir),
    logger,
  });
}

/** start: config → storage → state → app → listen. */
async function openGateway(
  config: Config,
  logger: Logger,
  env: NodeJS.ProcessEnv,
  lifecycle: GatewayLifecycle,
): Promise<Omit<RunningGateway, 'stopped'>> {
  const configFile = config.configFile === undefined ? undefined : readConfigFile(config.configFile, env);
  const storage = await openDatabase(config);
  // With REDIS_URL, cooldowns, breakers and lockouts are shared with the other processes (local state meanwhile).
  const redis = config.redisUrl === undefined ? undefined : new RedisLink(config.redisUrl, logger, config.redisPrefix);
  try {
    const secrets = createSecretBox(loadEncryptionKey(config.dataDir, config.storageEncryptionKey));
    const repositories = createRepositories(storage, secrets);
    const passwordSet = await ensurePassword(repositories.settings, config.initialPassword);
    const settings = new SettingsService(repositories.settings);
    await settings.load();
    // Backups are of the embedded SQLite file; a PostgreSQL database is backed up with its own tools.
    const backups =
      storage.engine === 'sqlite'
        ? new BackupService(new BackupStore(config.dataDir), storage.sqlite, () => settings.value.backups)
        : undefined;
    const autoBackup =
      storage.engine === 'sqlite' && backups !== undefined
        ? new AutoBackup({ sqlite: storage.sqlite, backups, settings: () => settings.value.backups, logger })
        : undefined;
    const state = new RuntimeState(repositories);
    await state.reload();
    if (configFile !== undefined) await applyConfigFile(configFile, repositories, state, settings);

    const runtime = new RoutingRuntime();
    const routingStore = new RoutingStateStore(repositories.settings, runtime, logger);
    await routingStore.load();
    routingStore.start();
    await redis?.connect();
    const sharedResilience = redis === undefined ? undefined : new SharedResilience(runtime, redis, logger);
    await sharedResilience?.start();

    const upstream = new UpstreamClient(config.upstream, readProxyEnvironment(env));
    const { proxySettings, policies } = await loadRequestShapingState({ repositories, secrets, upstream });
    const inFlight = new InFlightHandlers();
    const configChanges = new ConfigChanges();
    configChanges.onChange(() => state.reload());
    configChanges.onChange(() => settings.load());
    configChanges.onChange(() => proxySettings.load());
    configChanges.onChange(() => policies.reload());
    const requestLogs = new RequestLogWriter({
      repository: repositories.requestLogs,
      bodies: repositories.requestLogBodies,
      logger,
    });
    const accounting = createUsageAccounting({ repositories, requestLogs, runtime, state, settings, logger });
    accounting.metrics.watchBackends(async () => ({
      [storage.engine]: await storage.ping().then(
        () => true,
        () => false,
      ),
      ...(redis === undefined ? {} : { redis: redis.isUp }),
    }));
    const audit = new AuditLog({ repository: repositories.auditLog, logger });
    const app = await buildApp({
      config,
      logger,
      repositories,
      state,
      upstream,
      requestLogs,
      runtime,
      routingStore,
      settings,
      audit,
      accounting,
      operations: { config, logger, storage, backups, lifecycle, secrets, redis, startedAt: Date.now() },
      proxySettings,
      policies,
      env,
      configChanges,
      inFlight,
    });
    await app.listen({ port: config.port, host: config.host });
    await accounting.start({ metricsListener: config.metrics }).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    // Another process (a second gateway, `omniroute keys`) changed the configuration: read it again.
    const stopWatching = storage.watchChanges(() => {
      configChanges.reload().catch((error: unknown) => logger.error({ err: error }, 'reloading configuration failed'));
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        const grace = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
        await app.close();
        clearTimeout(grace);
        // Handlers whose connection was just cut still record their request-log rows.
        await inFlight.drain(5000);
        stopWatching();
        await autoBackup?.stop();
        await sharedResilience?.stop();
        await redis?.close();
        await routingStore.stop();
        await accounting.stop();
        await requestLogs.close();
        await audit.close();
        await upstream.close();
        await storage.close();
      })();
      return closing;
    };
    autoBackup?.start();
    const metricsUrl = accounting.metricsUrl();
    return {
      app,
      url: `http://${host}:${port}`,
      repositories,
      state,
      requestLogs,
      runtime,
      passwordSet,
      metricsUrl,
      close,
    };
  } catch (error) {
    await redis?.close();
    await storage.close();
    throw error;
  }
}
