import type { FastifyReply } from 'fastify';
import type { Logger } from '../observability/logger.js';

/**
 * Runs `task` once the response has gone out (or the client hung up). Restart and shutdown must answer first: the
 * close they trigger waits for in-flight requests, including the one asking for it.
 */
export function runAfterResponse(reply: FastifyReply, logger: Logger, task: () => Promise<void>): void {
  reply.raw.once('close', () => {
    task().catch((error: unknown) => logger.error({ err: error }, 'operation after response failed'));
  });
}
