import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RequestLogWriter } from '../usage/request-log-writer.js';
import type { TelemetryWindow } from '../usage/telemetry-window.js';
import { parseInput } from './parse-input.js';

const summarySchema = z
  .object({
    windowMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
  })
  .strict();

/**
 * `GET /api/telemetry/summary?windowMinutes=60`: p50/p95/p99 latency and time to first token per provider and per
 * model over a rolling window, from the in-memory telemetry buffer (no database scan per call).
 */
export async function registerTelemetryRoutes(
  app: FastifyInstance,
  { telemetry, requestLogs }: { telemetry: TelemetryWindow; requestLogs: RequestLogWriter },
): Promise<void> {
  app.get('/api/telemetry/summary', async (request) => {
    const { windowMinutes } = parseInput(summarySchema, request.query);
    requestLogs.publish();
    return telemetry.summary(windowMinutes);
  });
}
