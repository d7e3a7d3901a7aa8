import { packageVersion } from '../cli/version.js';
import { errorMessage } from '../core/errors.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { backendsHealth } from './backend-health.js';
import type { OperationsContext } from './operations-context.js';
import { storageSize } from './storage-stats.js';

const pingTimeoutMs = 3000;

export interface HealthInputs {
  operations: OperationsContext;
  state: RuntimeState;
  runtime: RoutingRuntime;
  repositories: Repositories;
}

/**
 * `GET /api/monitoring/health`. Provider counts: catalog (built-in providers and provider nodes), configured (with
 * any connection), active (with an active connection), monitored (with a breaker or an account cooldown right now).
 */
export async function buildHealthReport({ operations, state, runtime, repositories }: HealthInputs) {
  const { storage, startedAt } = operations;
  const database = await databaseHealth(operations);
  const connections = database.ok ? await repositories.connections.list().catch(() => []) : [];
  const providerOf = new Map(connections.map((connection) => [connection.id, connection.provider]));
  const breakers = runtime.breakers.list();
  const cooldowns = runtime.cooldowns.list();
  const monitored = new Set<string>(breakers.map((breaker) => breaker.provider));
  for (const cooldown of cooldowns) {
    const provider = providerOf.get(cooldown.connectionId);
    if (provider !== undefined) monitored.add(provider);
  }
  const memory = process.memoryUsage();
  return {
    status: database.ok && operations.redis?.isUp !== false ? ('ok' as const) : ('degraded' as const),
    uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
    version: packageVersion,
    memory: { rss: memory.rss, heapUsed: memory.heapUsed },
    database: { ...database, engine: storage.engine, location: storage.location },
    // Shared runtime state: `local` without REDIS_URL; while Redis is down each process serves with its own.
    sharedState:
      operations.redis === undefined ? { backend: 'local' } : { backend: 'redis', ...operations.redis.describe() },
    backends: backendsHealth({ engine: storage.engine, databaseOk: database.ok, redis: operations.redis }),
    catalogCount: state.snapshot.providers.length,
    configuredCount: new Set(connections.map((connection) => connection.provider)).size,
    activeCount: state.snapshot.activeConnections.size,
    monitoredCount: monitored.size,
    breakers,
    cooldowns,
  };
}

async function databaseHealth({
  storage,
}: OperationsContext): Promise<{ ok: boolean; sizeBytes: number | null; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    // An unreachable server can take the pool's whole connect timeout (10 s) to fail: a monitor wants an answer sooner.
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${pingTimeoutMs} ms`)), pingTimeoutMs);
    });
    await Promise.race([storage.ping(), timeout]);
    return { ok: true, sizeBytes: await storageSize(storage) };
  } catch (error) {
    return { ok: false, sizeBytes: null, error: errorMessage(error) };
  } finally {
    clearTimeout(timer);
  }
}
