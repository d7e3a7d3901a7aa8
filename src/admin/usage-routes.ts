import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { UsageBucket, UsageGroupBy, UsageTotals } from '../storage/repositories/usage-repository.js';
import type { Repositories } from '../storage/repositories.js';
import { fromNanoUsd } from '../usage/compute-cost.js';
import type { RequestLogRetention } from '../usage/request-log-retention.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';
import { notFound, parseInput } from './parse-input.js';
import { logFilterFields, toLogFilter } from './usage-query.js';

const bucketMs = { hour: 3_600_000, day: 86_400_000 } as const;
const defaultSpanMs = { hour: 24 * bucketMs.hour, day: 30 * bucketMs.day } as const;
/** A chart needs no more points than this; it also bounds the GROUP BY result. */
const maxBuckets = 10_000;

const historySchema = z
  .object({
    bucket: z.enum(['hour', 'day']).default('hour'),
    groupBy: z.enum(['provider', 'model', 'key', 'connection', 'combo']).optional(),
    ...logFilterFields,
  })
  .strict();

const connectionSchema = z.object({ bucket: z.enum(['hour', 'day']).default('hour') }).strict();

const purgeSchema = z.object({ olderThanDays: z.number().int().min(0).max(36_500).optional() }).strict();

export interface UsageRouteDependencies {
  repositories: Repositories;
  requestLogs: RequestLogWriter;
  runtime: RoutingRuntime;
  settings: SettingsService;
  retention: RequestLogRetention;
}

/**
 * `GET /api/usage/history` (time buckets, optionally grouped), `GET /api/usage/:connectionId` (one account's totals
 * and recent history) and `POST /api/usage/purge` (retention on demand). Aggregation runs in SQL.
 */
export async function registerUsageRoutes(app: FastifyInstance, deps: UsageRouteDependencies): Promise<void> {
  const { repositories, requestLogs, runtime, settings, retention } = deps;

  app.get('/api/usage/history', async (request) => {
    const { bucket, groupBy, ...query } = parseInput(historySchema, request.query);
    const to = query.to ?? Date.now();
    const from = query.from ?? to - defaultSpanMs[bucket];
    if (from >= to) throw new GatewayError('invalid_request', "'from' must be before 'to'.", { param: 'from' });
    if ((to - from) / bucketMs[bucket] > maxBuckets) {
      throw new GatewayError('invalid_request', `The range spans more than ${maxBuckets} ${bucket} buckets.`, {
        param: 'from',
      });
    }
    await requestLogs.flush();
    const filter = { ...toLogFilter(query), from, to };
    const [buckets, totals, labels] = await Promise.all([
      repositories.usage.history({ filter, bucketMs: bucketMs[bucket], groupBy }),
      repositories.usage.totals(filter),
      groupLabels(repositories, groupBy),
    ]);
    return {
      from,
      to,
      bucket,
      bucketMs: bucketMs[bucket],
      groupBy: groupBy ?? null,
      buckets: buckets.map((entry) => bucketView(entry, groupBy !== undefined, labels)),
      totals: totalsView(totals),
    };
  });

  app.post('/api/usage/purge', { config: { openapi: { body: purgeSchema } } }, async (request) => {
    const { olderThanDays = settings.value.requestLogs.retentionDays } = parseInput(purgeSchema, request.body ?? {});
    await requestLogs.flush();
    return { deleted: await retention.purge(olderThanDays), olderThanDays };
  });

  // Registered last: the static /api/usage/* routes above (and any added later) win over this parameter.
  app.get('/api/usage/:connectionId', async (request) => {
    const { connectionId } = request.params as { connectionId: string };
    const { bucket } = parseInput(connectionSchema, request.query);
    const connection = await repositories.connections.get(connectionId);
    if (connection === undefined) throw notFound('connection', connectionId);
    await requestLogs.flush();
    const now = Date.now();
    const from = now - defaultSpanMs[bucket];
    const [allTime, recent, history] = await Promise.all([
      repositories.usage.totals({ connectionId }),
      repositories.usage.totals({ connectionId, from }),
      repositories.usage.history({ filter: { connectionId, from, to: now + 1 }, bucketMs: bucketMs[bucket] }),
    ]);
    return {
      connectionId,
      provider: connection.provider,
      name: connection.name,
      isActive: connection.isActive,
      cooldown: runtime.cooldowns.active(connectionId) ?? null,
      queue: runtime.limiter.depth(connectionId),
      totals: { ...totalsView(allTime), lastRequestAt: allTime.lastRequestAt },
      recent: { from, bucket, ...totalsView(recent) },
      history: history.map((entry) => bucketView(entry, false)),
    };
  });
}

/** Readable names for key and connection groups (ids are what the rows hold). */
async function groupLabels(
  repositories: Repositories,
  groupBy: UsageGroupBy | undefined,
): Promise<Map<string, string> | undefined> {
  if (groupBy === 'key') return new Map((await repositories.apiKeys.list()).map((key) => [key.id, key.name]));
  if (groupBy === 'connection') {
    const connections = await repositories.connections.list();
    return new Map(connections.map((connection) => [connection.id, `${connection.provider}/${connection.name}`]));
  }
  return undefined;
}

function totalsView(totals: UsageTotals) {
  const { costNanoUsd, costSavedNanoUsd, ...rest } = totals;
  return { ...rest, costUsd: fromNanoUsd(costNanoUsd), costSavedUsd: fromNanoUsd(costSavedNanoUsd) };
}

function bucketView(entry: UsageBucket, grouped: boolean, labels?: Map<string, string>) {
  const { start, group, ...totals } = entry;
  const label = group === null ? undefined : labels?.get(group);
  return {
    start,
    time: new Date(start).toISOString(),
    ...(grouped ? { group } : {}),
    ...(label === undefined ? {} : { label }),
    ...totalsView(totals),
  };
}
