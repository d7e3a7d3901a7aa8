import type { FastifyInstance } from 'fastify';
import type { ClientIdentity } from '../auth/key-index.js';
import { openaiCodec } from '../formats/openai/index.js';
import { type GenerationDependencies, handleGeneration } from '../gateway/generation-handler.js';

/**
 * Who a playground request is logged as. Not a stored key: request logs and usage show `dashboard` as the key, so
 * the user can tell their own experiments from client traffic; no key policy or budget applies to it.
 */
export const dashboardIdentity: ClientIdentity = { keyId: 'dashboard', keyName: 'dashboard', scopes: [] };

/**
 * `POST /api/playground/chat/completions`: the dashboard's chat, in the OpenAI format (streaming or not), behind
 * management auth so the browser never needs a client API key. It runs the normal generation pipeline: any model,
 * alias or combo, with routing, fallbacks, request shaping and one request-log row like any client request.
 */
export async function registerPlaygroundRoutes(
  app: FastifyInstance,
  { generation }: { generation: GenerationDependencies },
): Promise<void> {
  const config = { clientFormat: 'openai' as const, openapi: { summary: 'Chat as the dashboard (OpenAI format)' } };
  app.post('/api/playground/chat/completions', { config }, async (request, reply) => {
    await handleGeneration(generation, {
      request,
      reply,
      codec: openaiCodec,
      body: request.body,
      identity: dashboardIdentity,
    });
  });
}
