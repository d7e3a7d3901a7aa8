import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mergeResilienceSettings } from '../routing/resilience/resilience-settings.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import { routingSettingsSchema } from '../routing/routing-settings.js';
import type { RoutingStateStore } from '../state/routing-state-store.js';
import type { RuntimeState } from '../state/runtime-state.js';
import { parseInput } from './parse-input.js';

export const resetSchema = z
  .object({ provider: z.string().min(1).optional(), connectionId: z.string().min(1).optional() })
  .strict();

/**
 * Resilience and routing state: `GET/PATCH /api/resilience`, `POST /api/resilience/reset`, per-account
 * `GET /api/rate-limits`, global `GET /api/rate-limit`, and `GET /api/sessions`.
 */
export async function registerResilienceRoutes(
  app: FastifyInstance,
  { runtime, routingStore, state }: { runtime: RoutingRuntime; routingStore: RoutingStateStore; state: RuntimeState },
): Promise<void> {
  const view = () => ({
    settings: { routing: runtime.routing, ...runtime.resilience },
    state: {
      cooldowns: runtime.cooldowns.list(),
      breakers: runtime.breakers.list(),
      lockouts: runtime.lockouts.list(),
    },
  });

  app.get('/api/resilience', async () => view());

  app.patch('/api/resilience', async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { routing: routingPatch, ...resiliencePatch } = typeof body === 'object' && body !== null ? body : {};
    const routing = parseInput(routingSettingsSchema.partial().strict(), routingPatch ?? {});
    const nextRouting = parseInput(routingSettingsSchema, { ...runtime.routing, ...routing });
    const nextResilience = mergeResilienceSettings(runtime.resilience, resiliencePatch);
    await routingStore.saveSettings(nextRouting, nextResilience);
    return view();
  });

  app.post('/api/resilience/reset', async (request) => {
    const { provider, connectionId } = parseInput(resetSchema, request.body ?? {});
    if (provider === undefined && connectionId === undefined) {
      runtime.breakers.reset();
      runtime.cooldowns.clear();
      runtime.lockouts.clear();
    } else {
      if (provider !== undefined) runtime.breakers.reset(provider);
      if (connectionId !== undefined) runtime.cooldowns.clear(connectionId);
    }
    runtime.dirty = true;
    await routingStore.flush();
    return view();
  });

  app.get('/api/rate-limits', async () => {
    const connections = [...state.snapshot.activeConnections.values()].flat();
    return {
      accounts: connections.map((connection) => ({
        connectionId: connection.id,
        provider: connection.provider,
        name: connection.name,
        cooldown: runtime.cooldowns.active(connection.id) ?? null,
        ...runtime.limiter.depth(connection.id),
        ...runtime.accounts.snapshot(connection.id),
      })),
    };
  });

  app.get('/api/rate-limit', async () => ({
    queue: runtime.resilience.queue,
    cooldown: runtime.resilience.cooldown,
    shortWaitMaxMs: runtime.resilience.shortWaitMaxMs,
  }));

  app.get('/api/sessions', async () => ({ sessions: runtime.sessions.list() }));
}
