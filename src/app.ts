import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAliasRoutes } from './admin/alias-routes.js';
import { registerAuditLogRoutes } from './admin/audit-log-routes.js';
import { registerAuthRoutes } from './admin/auth-routes.js';
import { registerAuthSetupRoutes } from './admin/auth-setup-routes.js';
import { registerAvailabilityRoutes } from './admin/availability-routes.js';
import { registerBudgetRoutes } from './admin/budget-routes.js';
import { registerCacheRoutes } from './admin/cache-routes.js';
import { registerCatalogRoutes } from './admin/catalog-routes.js';
import { registerComboRoutes } from './admin/combo-routes.js';
import { registerEvalRoutes } from './admin/eval-routes.js';
import { registerInitRoutes } from './admin/init-routes.js';
import { registerKeysRoutes } from './admin/keys-routes.js';
import { registerMetricsRoutes } from './admin/metrics-routes.js';
import { recordRoutes } from './admin/openapi/route-registry.js';
import { registerOperationsRoutes } from './admin/operations-routes.js';
import { registerPlaygroundRoutes } from './admin/playground-routes.js';
import { registerPoliciesRoutes } from './admin/policies-routes.js';
import { registerPricingRoutes } from './admin/pricing-routes.js';
import { registerProviderChecksRoutes } from './admin/provider-checks-routes.js';
import { registerProviderModelsRoutes } from './admin/provider-models-routes.js';
import { registerProviderNodesRoutes } from './admin/provider-nodes-routes.js';
import { registerProvidersRoutes } from './admin/providers-routes.js';
import { registerProxyRoutes } from './admin/proxy-routes.js';
import { registerRequestLogsRoutes } from './admin/request-logs-routes.js';
import { registerRequestShapingRoutes } from './admin/request-shaping-routes.js';
import { registerRequireLoginRoutes } from './admin/require-login-routes.js';
import { registerResilienceRoutes } from './admin/resilience-routes.js';
import { registerSettingsRoutes } from './admin/settings-routes.js';
import { registerTelemetryRoutes } from './admin/telemetry-routes.js';
import { registerTranslatorRoutes } from './admin/translator-routes.js';
import { registerUsageRoutes } from './admin/usage-routes.js';
import type { AuditLog } from './audit/audit-log.js';
import { createAuditSnapshots } from './audit/audit-snapshots.js';
import { BlockedRequestAudit } from './audit/blocked-request-audit.js';
import { registerAuditHooks } from './audit/register-audit-hooks.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { managementAuth } from './auth/request-auth.js';
import { SessionStore } from './auth/session-store.js';
import { createAnswerReuse } from './cache/create-answer-reuse.js';
import { createPromptEmbedder } from './cache/embed-prompt.js';
import { registerAcpAgentsRoutes } from './cli-tools/acp-agents-routes.js';
import { registerCliToolsRoutes } from './cli-tools/cli-tools-routes.js';
import { createKeyGovernance } from './cluster/create-key-governance.js';
import { SharedSessionPins } from './cluster/shared-session-pins.js';
import type { Config } from './config/config.js';
import { registerDashboardRoutes } from './dashboard/dashboard-routes.js';
import { registerClientRoutes } from './gateway/client-routes.js';
import type { GenerationDependencies } from './gateway/generation-handler.js';
import { BudgetLedger } from './governance/budget-ledger.js';
import { createErrorHandler, notFoundHandler } from './http/error-handler.js';
import type { InFlightHandlers } from './http/in-flight-handlers.js';
import { IpFilter, ipFilterHook } from './ip-filter/ip-filter.js';
import { registerMediaRoutes } from './media/media-routes.js';
import { registerTranscriptionRoute } from './media/transcription/transcription-route.js';
import { createOAuth } from './oauth/create-oauth.js';
import { registerOAuthRoutes } from './oauth/oauth-routes.js';
import type { Logger } from './observability/logger.js';
import type { OperationsContext } from './operations/operations-context.js';
import type { PolicyEngine } from './policies/policy-engine.js';
import type { RoutingRuntime } from './routing/routing-runtime.js';
import type { ProxySettingsStore } from './settings/proxy-settings.js';
import type { SettingsService } from './settings/settings-service.js';
import type { ConfigChanges } from './state/config-changes.js';
import type { RoutingStateStore } from './state/routing-state-store.js';
import type { RuntimeState } from './state/runtime-state.js';
import type { Repositories } from './storage/repositories.js';
import { registerCloudSync } from './sync/register-cloud-sync.js';
import type { UpstreamClient } from './upstream/upstream-client.js';
import type { RequestLogWriter } from './usage/request-log-writer.js';
import type { UsageAccounting } from './usage/usage-accounting.js';

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
  audit: AuditLog;
  accounting: UsageAccounting;
  operations: OperationsContext;
  /** The global upstream proxy (`/api/settings/proxy`). */
  proxySettings: ProxySettingsStore;
  /** Routing policies, compiled (`/api/policies`). */
  policies: PolicyEngine;
  /** Route handlers still running, awaited at shutdown before the last log flush. */
  inFlight?: InFlightHandlers;
  /** Where in-memory configuration registers to be re-read when another process changes it. */
  configChanges?: ConfigChanges;
  /** Where OAuth client ids and endpoints are read (and `env/repair` writes); default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** Client routes that live under /api for Ollama compatibility and so skip management auth. */
const clientRoutesUnderApi = new Set(['/api/chat', '/api/tags']);
const publicManagementRoutes = new Set(['/api/auth/login', '/api/auth/logout', '/api/auth/setup', '/api/init']);

/** Builds the HTTP app from its dependencies. Wiring only: behaviour lives in the modules it registers. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, logger, repositories, state, upstream, requestLogs, runtime, routingStore, settings, audit } = deps;
  // Fastify's per-request logger is off: it costs more than the gateway's whole hot path (see bench/).
  const app = Fastify({ logger: false, bodyLimit: config.bodyLimitBytes, return503OnClosing: true });
  const routes = recordRoutes(app);
  deps.inFlight?.install(app);
  app.setErrorHandler(createErrorHandler(logger, config.bodyLimitBytes));
  app.setNotFoundHandler(notFoundHandler);
  await app.register(cookie);
  // Every body we accept is JSON; plain text would otherwise reach handlers as a string.
  app.removeContentTypeParser('text/plain');

  const sessions = new SessionStore({
    repository: repositories.dashboardSessions,
    lifetimeMs: config.auth.sessionLifetimeMs,
    maxAgeMs: config.auth.sessionMaxAgeMs,
  });
  const loginThrottle = new LoginThrottle(config.auth.loginThrottle);
  const manage = managementAuth({ state, sessions, settings, audit });
  app.addHook('onRequest', async (request, reply) => {
    // Decide by the route Fastify matched, never by the raw URL: the router decodes `%61pi` and accepts
    // absolute-form targets (`http://host/api/keys`), so a string test on request.url could be walked around.
    // Unmatched requests reach only the 404 handler.
    const route = request.routeOptions.url;
    if (route === undefined) return;
    const managed = route.startsWith('/api/') || route === '/metrics';
    if (!managed || clientRoutesUnderApi.has(route) || publicManagementRoutes.has(route)) return;
    // The sync hub's bundle store authenticates by sync token in its own handlers (src/sync/hub-routes.ts).
    if (route.startsWith('/api/cloud/')) return;
    await manage(request, reply);
  });
  app.addHook('onRequest', ipFilterHook(new IpFilter(settings)));
  const blockedRequests = new BlockedRequestAudit({ audit });
  registerAuditHooks(app, {
    audit,
    snapshots: createAuditSnapshots({ repositories, settings, runtime }),
    blockedRequests,
  });

  // Budgets load their period's spend from the request log once; afterwards they are settled in memory.
  const budgets = new BudgetLedger(repositories.keyBudgets);
  await budgets.reload();
  deps.configChanges?.onChange(() => budgets.reload());
  // Response cache and idempotency; pending cache writes are flushed when the app closes (before storage does).
  // The semantic tier embeds through the gateway's own routing: `generation` (below) exists before any request.
  const embed = createPromptEmbedder(() => generation);
  const { redis } = deps.operations;
  const answerReuse = createAnswerReuse({
    repository: repositories.responseCache,
    settings,
    logger,
    embed,
    redis,
  });
  app.addHook('onClose', answerReuse.close);
  const oauthEnv = deps.env ?? process.env;
  const oauth = createOAuth({
    repositories,
    state,
    upstream,
    env: oauthEnv,
    logger,
    storage: deps.operations.storage,
    redis,
  });
  const generation: GenerationDependencies = {
    snapshot: () => state.snapshot,
    upstream,
    requestLogs,
    logger,
    runtime,
    requestLogSettings: () => settings.value.requestLogs,
    shaping: { policies: deps.policies, settings: () => settings.value },
    onError: (request, error) => blockedRequests.record(request, error),
    governance: createKeyGovernance({ ledger: budgets, redis: deps.operations.redis, logger }),
    reuse: answerReuse.reuse,
    sharedPins: redis === undefined ? undefined : new SharedSessionPins(runtime.sessions, redis, logger),
    subscriptions: oauth.sessions,
  };
  await registerClientRoutes(app, {
    state,
    generation,
    requireApiKey: () => config.requireApiKey,
    storedResponses: repositories.storedResponses,
  });
  await registerMediaRoutes(app, { state, generation, requireApiKey: () => config.requireApiKey });
  await registerTranscriptionRoute(app, {
    generation,
    state,
    settings,
    requireApiKey: () => config.requireApiKey,
  });
  const admin = { repositories, state, requestLogs, runtime, routingStore, settings, sessions, loginThrottle, audit };
  await registerAuthRoutes(app, admin);
  await registerProvidersRoutes(app, admin);
  await registerProviderNodesRoutes(app, admin);
  await registerProviderChecksRoutes(app, { ...admin, upstream, subscriptions: oauth.sessions });
  await registerProviderModelsRoutes(app, admin);
  await registerPricingRoutes(app, admin);
  await registerKeysRoutes(app, admin);
  await registerBudgetRoutes(app, { repositories, budgets });
  await registerCacheRoutes(app, { reuse: answerReuse.reuse });
  await registerCatalogRoutes(app, admin);
  await registerRequestLogsRoutes(app, admin);
  const { accounting } = deps;
  await registerUsageRoutes(app, { ...admin, retention: accounting.retention });
  await registerTelemetryRoutes(app, { ...admin, telemetry: accounting.telemetry });
  await registerAvailabilityRoutes(app, admin);
  await registerMetricsRoutes(app, { ...admin, metrics: accounting.metrics });
  await registerAliasRoutes(app, admin);
  await registerComboRoutes(app, admin);
  await registerResilienceRoutes(app, admin);
  await registerSettingsRoutes(app, admin);
  await registerRequireLoginRoutes(app, admin);
  await registerInitRoutes(app, admin);
  await registerAuthSetupRoutes(app, admin);
  await registerAuditLogRoutes(app, admin);
  await registerProxyRoutes(app, { ...admin, proxySettings: deps.proxySettings, upstream });
  await registerRequestShapingRoutes(app, admin);
  await registerPlaygroundRoutes(app, { generation });
  await registerEvalRoutes(app, {
    ...admin,
    generation,
    exclusiveStorage: deps.operations.storage.engine === 'sqlite',
  });
  await registerTranslatorRoutes(app);
  await registerPoliciesRoutes(app, { ...admin, policies: deps.policies });
  await registerOAuthRoutes(app, { flows: oauth.flows, state, settings, env: oauthEnv });
  await registerCliToolsRoutes(app, { settings, env: oauthEnv });
  await registerAcpAgentsRoutes(app, { settings, env: oauthEnv });
  await registerCloudSync(app, {
    ...admin,
    storage: deps.operations.storage,
    secrets: deps.operations.secrets,
    logger,
    reload: async () => {
      await state.reload();
      await deps.policies.reload();
    },
  });
  await registerOperationsRoutes(app, {
    ...admin,
    operations: deps.operations,
    routes,
    publicPaths: publicManagementRoutes,
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await registerDashboardRoutes(app);
  return app;
}
