import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import type { SubscriptionSessions } from '../oauth/subscription-session.js';
import { testSubscription } from '../oauth/test-subscription.js';
import type { ProviderDefinition } from '../providers/catalog/types.js';
import { modelKey } from '../routing/apply-model-settings.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { Repositories } from '../storage/repositories.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { createBaseUrlGuard } from './base-url-guard.js';
import { connectionTestView } from './connection-view.js';
import { listUpstreamModels } from './list-upstream-models.js';
import { idParams, notFound, parseInput } from './parse-input.js';
import { createSchema as connectionSchema } from './providers-routes.js';
import { testConnection } from './test-connection.js';
import { validateConnection } from './validate-connection.js';

const testSchema = z.object({ model: z.string().trim().min(1).optional() }).strict();
const modelsQuery = z.object({ source: z.enum(['upstream', 'catalog']).optional() }).strict();
const listTimeoutMs = 20_000;

/**
 * Checks on provider accounts: `POST /api/providers/:id/test` (a real minimal call, result stored on the
 * connection), `GET /api/providers/:id/models` (the upstream's own list, else the catalog's) and
 * `POST /api/providers/validate` (a configuration checked before saving).
 */
export async function registerProviderChecksRoutes(
  app: FastifyInstance,
  deps: {
    repositories: Repositories;
    state: RuntimeState;
    upstream: UpstreamClient;
    settings: SettingsService;
    /** Subscription accounts are tested through their session (fresh token, provider headers). */
    subscriptions?: SubscriptionSessions;
  },
): Promise<void> {
  const { repositories, state, upstream } = deps;
  const guard = createBaseUrlGuard(deps.settings);

  const connectionAndProvider = async (id: string): Promise<[ConnectionRecord, ProviderDefinition]> => {
    const connection = await repositories.connections.get(id);
    if (connection === undefined) throw notFound('provider connection', id);
    const provider = state.snapshot.providersByName.get(connection.provider);
    if (provider === undefined) {
      throw new GatewayError('provider_not_found', `The provider '${connection.provider}' of this connection is gone.`);
    }
    return [connection, provider];
  };

  const validateBody = connectionSchema.extend({ probe: z.boolean().optional(), model: z.string().optional() });
  const validateDocs = { body: validateBody, summary: 'Check a provider connection before saving it' };
  app.post('/api/providers/validate', { config: { openapi: validateDocs } }, async (request) =>
    validateConnection({ body: request.body ?? {}, schema: connectionSchema, ...deps, guard }),
  );

  const testDocs = { body: testSchema, summary: 'Test a connection with a minimal upstream call' };
  app.post('/api/providers/:id/test', { config: { openapi: testDocs } }, async (request) => {
    const id = idParams(request.params);
    const { model } = parseInput(testSchema, request.body);
    const [connection, provider] = await connectionAndProvider(id);
    const test =
      connection.authType === 'oauth' && deps.subscriptions !== undefined
        ? await testSubscription({ client: upstream, sessions: deps.subscriptions, provider, connection, model })
        : await testConnection({ upstream, snapshot: state.snapshot, provider, connection, model });
    await repositories.connections.recordTest(connection.id, test);
    return connectionTestView(test);
  });

  const modelsDocs = { summary: "The models a connection's upstream lists (else the catalog's)" };
  app.get('/api/providers/:id/models', { config: { openapi: modelsDocs } }, async (request) => {
    const id = idParams(request.params);
    const { source } = parseInput(modelsQuery, request.query);
    const [connection, provider] = await connectionAndProvider(id);
    const { hiddenModels } = state.snapshot;
    const known = new Map(provider.models.map((model) => [model.id, model]));
    const listed =
      source === 'catalog'
        ? undefined
        : await listUpstreamModels({ upstream, provider, connection, signal: AbortSignal.timeout(listTimeoutMs) });
    const models = (listed ?? provider.models).map((model) => ({
      id: model.id,
      name: model.name ?? known.get(model.id)?.name ?? null,
      type: model.type ?? known.get(model.id)?.type ?? null,
      contextLength: model.contextLength ?? known.get(model.id)?.contextLength ?? null,
      known: known.has(model.id),
      hidden: hiddenModels.has(modelKey(provider.id, model.id)),
    }));
    return { provider: provider.id, connectionId: connection.id, source: listed ? 'upstream' : 'catalog', models };
  });
}
