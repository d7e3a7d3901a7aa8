import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientAuth } from '../auth/request-auth.js';
import { openaiCodec, renderModelList } from '../formats/openai/index.js';
import { type GenerationDependencies, handleGeneration } from '../gateway/generation-handler.js';
import type { RuntimeState } from '../state/runtime-state.js';
import { embeddingOperation } from './embeddings/embedding-operation.js';
import { handleMedia } from './handle-media.js';
import { imageOperation } from './images/image-operation.js';
import { listMediaModels } from './list-media-models.js';
import type { MediaOperation, MediaRequest } from './media-operation.js';
import { pinModelToProvider } from './pin-model-to-provider.js';

export interface MediaRouteOptions {
  state: RuntimeState;
  generation: GenerationDependencies;
  requireApiKey: () => boolean;
}

/**
 * `POST /v1/embeddings`, `POST /v1/images/generations` (and their `GET` model lists), and the pinned-provider
 * routes `/v1/providers/{provider}/chat/completions|embeddings|images/generations`.
 */
export async function registerMediaRoutes(app: FastifyInstance, options: MediaRouteOptions): Promise<void> {
  const { state, generation } = options;
  const preHandler = clientAuth(state, options.requireApiKey);
  const config = { clientFormat: 'openai' as const };
  type Params = { provider: string };
  const pin = (request: FastifyRequest) => (body: unknown) =>
    pinModelToProvider(body, (request.params as Params).provider, state.snapshot);

  const serve = <Request extends MediaRequest>(path: string, operation: MediaOperation<Request>) => {
    app.post(path, { config, preHandler }, async (request: FastifyRequest, reply: FastifyReply) => {
      await handleMedia(generation, { request, reply, identity: request.identity, operation, body: request.body });
    });
    app.post(`/v1/providers/:provider${path.slice('/v1'.length)}`, { config, preHandler }, async (request, reply) => {
      const body = request.body;
      await handleMedia(generation, {
        request,
        reply,
        identity: request.identity,
        operation,
        body,
        prepare: pin(request),
      });
    });
    app.get(path, { config, preHandler }, async () =>
      renderModelList(listMediaModels(state.snapshot, operation.modelType)),
    );
  };
  serve('/v1/embeddings', embeddingOperation);
  serve('/v1/images/generations', imageOperation);

  app.post('/v1/providers/:provider/chat/completions', { config, preHandler }, async (request, reply) => {
    const prepare = async (body: unknown) => ({ body: pin(request)(body) });
    await handleGeneration(generation, {
      request,
      reply,
      codec: openaiCodec,
      body: request.body,
      identity: request.identity,
      prepare,
    });
  });
}
