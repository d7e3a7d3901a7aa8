import type { RedisLink, RedisStatus } from '../cluster/redis-link.js';
import type { Storage } from '../storage/database.js';

/**
 * The runtime state that `REDIS_URL` shares between processes (issue #11). Each keeps a local implementation that
 * serves alone without Redis and while Redis is down. Cooldowns stand for breakers and model lockouts too (one
 * shared resilience state).
 */
export const sharedConcerns = [
  'rateLimits',
  'budgets',
  'cooldowns',
  'sessionPins',
  'idempotency',
  'responseCache',
] as const;

export type SharedConcern = (typeof sharedConcerns)[number];

export interface SharedConcernHealth {
  backend: 'local' | 'redis';
  status: RedisStatus;
  /** Which state answers requests right now: this process's own while Redis is away. */
  serving: 'local' | 'redis';
}

export interface BackendsHealth extends Record<SharedConcern, SharedConcernHealth> {
  storage: { backend: Storage['engine']; status: 'up' | 'down' };
}

/** `backends` of the health report: which engine holds each concern and whether it answers. */
export function backendsHealth({
  engine,
  databaseOk,
  redis,
}: {
  engine: Storage['engine'];
  databaseOk: boolean;
  redis: RedisLink | undefined;
}): BackendsHealth {
  const shared: SharedConcernHealth =
    redis === undefined
      ? { backend: 'local', status: 'up', serving: 'local' }
      : { backend: 'redis', status: redis.status, serving: redis.isUp ? 'redis' : 'local' };
  const concerns = Object.fromEntries(sharedConcerns.map((concern) => [concern, shared])) as Record<
    SharedConcern,
    SharedConcernHealth
  >;
  return { storage: { backend: engine, status: databaseOk ? 'up' : 'down' }, ...concerns };
}
