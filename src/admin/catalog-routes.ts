import type { FastifyInstance } from 'fastify';
import type { RuntimeState } from '../state/runtime-state.js';

/** `GET /api/models/catalog`: every known provider and model, and which providers are connected. */
export async function registerCatalogRoutes(app: FastifyInstance, { state }: { state: RuntimeState }): Promise<void> {
  app.get('/api/models/catalog', async () => {
    const { providers, activeConnections } = state.snapshot;
    return {
      providers: providers.map((provider) => ({
        id: provider.id,
        alias: provider.alias ?? null,
        name: provider.name,
        category: provider.category,
        kind: provider.kind,
        format: provider.format,
        baseUrl: provider.baseUrl,
        authStyle: provider.authStyle,
        apiKeyRequired: provider.apiKeyRequired,
        connected: activeConnections.has(provider.id),
        models: provider.models,
      })),
    };
  });
}
