import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type AvailabilityContext, connectedModels, explainAvailability } from '../routing/model-availability.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { parseInput } from './parse-input.js';

const bodySchema = z.object({ models: z.array(z.string().min(1).max(300)).min(1).max(500) }).strict();

/**
 * `GET /api/models/availability` (every model of every provider with a connection) and
 * `POST /api/models/availability {models: [...]}` (models, aliases or combos by name): whether each can be served
 * now, and if not why (connections, cooldowns, lockouts, breaker, queue), with per-account detail.
 */
export async function registerAvailabilityRoutes(
  app: FastifyInstance,
  { repositories, state, runtime }: { repositories: Repositories; state: RuntimeState; runtime: RoutingRuntime },
): Promise<void> {
  const context = async (): Promise<AvailabilityContext> => ({
    snapshot: state.snapshot,
    runtime,
    connections: await repositories.connections.list(),
    now: Date.now(),
  });

  app.get('/api/models/availability', async () => {
    const current = await context();
    return { models: connectedModels(current).map((model) => explainAvailability(model, current)) };
  });

  app.post('/api/models/availability', { config: { openapi: { body: bodySchema } } }, async (request) => {
    const { models } = parseInput(bodySchema, request.body);
    const current = await context();
    return { models: models.map((model) => explainAvailability(model, current)) };
  });
}
