import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAliasRoutes } from './admin/alias-routes.js';
import { registerAuthRoutes } from './admin/auth-routes.js';
import { registerCatalogRoutes } from './admin/catalog-routes.js';
import { registerComboRoutes } from './admin/combo-routes.js';
import { registerKeysRoutes } from './admin/keys-routes.js';
import { registerProviderNodesRoutes } from './admin/provider-nodes-routes.js';
import { registerProvidersRoutes } from './admin/providers-routes.js';
import { registerRequestLogsRoutes } from './admin/request-logs-routes.js';
import { registerResilienceRoutes } from './admin/resilience-routes.js';
import { registerSettingsRoutes } from './admin/settings-routes.js';
import { managementAuth } from './auth/request-auth.js';
import type { Config } from './config/config.js';
import { registerClientRoutes } from './gateway/client-routes.js';
import { createErrorHandler, notFoundHandler } from './http/error-handler.js';
import type { Logger } from './observability/logger.js';
import type { RoutingRuntime } from './routing/routing-runtime.js';
import type { SettingsService } from './settings/settings-service.js';
import type { RoutingStateStore } from './state/routing-state-store.js';
import type { RuntimeState } from './state/runtime-state.js';
import type { Repositories } from './storage/repositories.js';
import type { UpstreamClient } from './upstream/upstream-client.js';
import type { RequestLogWriter } from './usage/request-log-writer.js';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  repositories: Repositories;
  state: RuntimeState;
  upstream: UpstreamClient;
  requestLogs: RequestLogWriter;
  runtime: RoutingRuntime;
  routingStore: RoutingStateStore;
  settings: SettingsService;
}

/** Client routes that live under /api for Ollama compatibility and so skip management auth. */
const clientRoutesUnderApi = new Set(['/api/chat', '/api/tags']);
const publicManagementRoutes = new Set(['/api/auth/login', '/api/auth/logout']);

/** Builds the HTTP app from its dependencies. Wiring only: behaviour lives in the modules it registers. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, logger, repositories, state, upstream, requestLogs, runtime, routingStore, settings } = deps;
  // Fastify's per-request logger is off: it costs more than the gateway's whole hot path (see bench/).
  const app = Fastify({ logger: false, bodyLimit: config.bodyLimitBytes, return503OnClosing: true });
  app.setErrorHandler(createErrorHandler(logger, config.bodyLimitBytes));
  app.setNotFoundHandler(notFoundHandler);
  await app.register(cookie);
  // Every body we accept is JSON; plain text would otherwise reach handlers as a string.
  app.removeContentTypeParser('text/plain');

  const manage = managementAuth(state, repositories.dashboardSessions);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (!path.startsWith('/api/') || clientRoutesUnderApi.has(path) || publicManagementRoutes.has(path)) return;
    await manage(request);
  });

  await registerClientRoutes(app, {
    state,
    generation: { snapshot: () => state.snapshot, upstream, requestLogs, logger, runtime },
    requireApiKey: () => config.requireApiKey,
    storedResponses: repositories.storedResponses,
  });
  const admin = { repositories, state, requestLogs, runtime, routingStore, settings };
  await registerAuthRoutes(app, admin);
  await registerProvidersRoutes(app, admin);
  await registerProviderNodesRoutes(app, admin);
  await registerKeysRoutes(app, admin);
  await registerCatalogRoutes(app, admin);
  await registerRequestLogsRoutes(app, admin);
  await registerAliasRoutes(app, admin);
  await registerComboRoutes(app, admin);
  await registerResilienceRoutes(app, admin);
  await registerSettingsRoutes(app, admin);
  app.get('/health', async () => ({ status: 'ok' }));
  return app;
}
