import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { runAfterResponse } from '../http/run-after-response.js';
import type { OperationsContext } from '../operations/operations-context.js';
import { parseInput } from './parse-input.js';

const emptySchema = z.object({}).strict();

/**
 * `POST /api/restart` and `POST /api/shutdown`: both answer 202 first, then close gracefully the way SIGTERM does.
 * Restart starts the gateway again in this process with the same configuration (see gateway-supervisor.ts);
 * shutdown ends the process under `omniroute start`.
 */
export async function registerLifecycleRoutes(
  app: FastifyInstance,
  { operations }: { operations: OperationsContext },
): Promise<void> {
  const { lifecycle, logger } = operations;

  app.post('/api/restart', async (request, reply) => {
    parseInput(emptySchema, request.body);
    runAfterResponse(reply, logger, () => lifecycle.restart());
    return reply.code(202).send({ status: 'restarting' });
  });

  app.post('/api/shutdown', async (request, reply) => {
    parseInput(emptySchema, request.body);
    runAfterResponse(reply, logger, () => lifecycle.shutdown());
    return reply.code(202).send({ status: 'shutting_down' });
  });
}
