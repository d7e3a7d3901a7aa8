import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ensurePassword } from './auth/ensure-password.js';
import { applyConfigFile } from './config/apply-config-file.js';
import type { Config } from './config/config.js';
import { readConfigFile } from './config/config-file.js';
import type { Logger } from './observability/logger.js';
import { RoutingRuntime } from './routing/routing-runtime.js';
import { SettingsService } from './settings/settings-service.js';
import { RoutingStateStore } from './state/routing-state-store.js';
import { RuntimeState } from './state/runtime-state.js';
import { openStorage } from './storage/database.js';
import { createRepositories, type Repositories } from './storage/repositories.js';
import { createSecretBox, loadEncryptionKey } from './storage/secret-box.js';
import { UpstreamClient } from './upstream/upstream-client.js';
import { RequestLogWriter } from './usage/request-log-writer.js';

export interface RunningGateway {
  app: FastifyInstance;
  url: string;
  repositories: Repositories;
  state: RuntimeState;
  requestLogs: RequestLogWriter;
  runtime: RoutingRuntime;
  passwordSet: boolean;
  /** Graceful: stop accepting, let in-flight requests finish (bounded), flush queues, close the database. */
  close(): Promise<void>;
}

/** start: config → storage → state → app → listen. */
export async function startGateway(
  config: Config,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningGateway> {
  const configFile = config.configFile === undefined ? undefined : readConfigFile(config.configFile, env);
  const storage = await openStorage(config.dataDir);
  try {
    const secrets = createSecretBox(loadEncryptionKey(config.dataDir, config.storageEncryptionKey));
    const repositories = createRepositories(storage, secrets);
    const passwordSet = await ensurePassword(repositories.settings, config.initialPassword);
    const settings = new SettingsService(repositories.settings);
    await settings.load();
    const state = new RuntimeState(repositories, logger);
    await state.reload();
    if (configFile !== undefined) await applyConfigFile(configFile, repositories, state);
    state.watch(storage.sqlite);
    const runtime = new RoutingRuntime();
    const routingStore = new RoutingStateStore(repositories.settings, runtime, logger);
    await routingStore.load();
    routingStore.start();

    const upstream = new UpstreamClient(config.upstream);
    const requestLogs = new RequestLogWriter({ repository: repositories.requestLogs, logger });
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
    });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        const grace = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
        await app.close();
        clearTimeout(grace);
        state.stop();
        await routingStore.stop();
        await requestLogs.close();
        await upstream.close();
        await storage.close();
      })();
      return closing;
    };
    return { app, url: `http://${host}:${port}`, repositories, state, requestLogs, runtime, passwordSet, close };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
