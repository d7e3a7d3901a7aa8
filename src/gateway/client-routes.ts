import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientAuth } from '../auth/request-auth.js';
import type { ClientCodec } from '../core/codec.js';
import { GatewayError } from '../core/errors.js';
import type { WireFormat } from '../core/wire-format.js';
import { anthropicCodec } from '../formats/anthropic/index.js';
import { geminiCodec, parseModelPath, renderModelList as renderGeminiModelList } from '../formats/gemini/index.js';
import { ollamaCodec, renderTags } from '../formats/ollama/index.js';
import { openaiCompletionsCodec } from '../formats/openai/completions/index.js';
import { openaiCodec, renderModelList } from '../formats/openai/index.js';
import { openaiResponsesCodec } from '../formats/openai-responses/index.js';
import { geminiEmbeddingOperation } from '../media/embeddings/gemini-embedding-operation.js';
import { handleMedia } from '../media/handle-media.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { StoredResponsesRepository } from '../storage/repositories/stored-responses-repository.js';
import { countTokens } from './count-tokens.js';
import { type GenerationDependencies, handleGeneration } from './generation-handler.js';
import { listAvailableModels } from './model-listing.js';
import { prepareResponsesContinuation } from './responses-continuation.js';

export interface ClientRouteOptions {
  state: RuntimeState;
  generation: GenerationDependencies;
  requireApiKey: () => boolean;
  storedResponses: StoredResponsesRepository;
}

/** The client-facing API: every generation route and model list, each speaking its client's own format. */
export async function registerClientRoutes(app: FastifyInstance, options: ClientRouteOptions): Promise<void> {
  const { state, generation } = options;
  const onRequest = clientAuth(state, options.requireApiKey);
  const config = (clientFormat: WireFormat) => ({ clientFormat });

  const generate = (codec: ClientCodec) => async (request: FastifyRequest, reply: FastifyReply) => {
    await handleGeneration(generation, { request, reply, codec, body: request.body, identity: request.identity });
  };
  const post = (path: string, codec: ClientCodec) =>
    app.post(path, { config: config(codec.format), preHandler: onRequest }, generate(codec));

  post('/v1/chat/completions', openaiCodec);
  post('/chat/completions', openaiCodec);
  post('/v1/completions', openaiCompletionsCodec);
  post('/v1/messages', anthropicCodec);
  app.post('/v1/responses', { config: config('openai-responses'), preHandler: onRequest }, async (request, reply) => {
    const identity = request.identity;
    const prepare = (body: unknown) =>
      prepareResponsesContinuation({ body, repository: options.storedResponses, identity, logger: generation.logger });
    await handleGeneration(generation, {
      request,
      reply,
      codec: openaiResponsesCodec,
      body: request.body,
      identity,
      prepare,
    });
  });
  post('/v1/api/chat', ollamaCodec);
  post('/api/chat', ollamaCodec);

  app.post(
    '/v1/messages/count_tokens',
    { config: config('anthropic'), preHandler: onRequest },
    async (request, reply) => {
      // Bounded, and cancelled when the client goes away.
      const disconnected = new AbortController();
      reply.raw.on('close', () => disconnected.abort());
      const signal = AbortSignal.any([AbortSignal.timeout(60_000), disconnected.signal]);
      return countTokens({ body: request.body, snapshot: state.snapshot, upstream: generation.upstream, signal });
    },
  );

  app.post('/v1beta/models/*', { config: config('gemini'), preHandler: onRequest }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    const { model, method } = parseModelPath(`models/${path}`);
    if (method === 'embedContent' || method === 'batchEmbedContents') {
      const operation = geminiEmbeddingOperation(model, method);
      return handleMedia(generation, { request, reply, identity: request.identity, operation, body: request.body });
    }
    if (method !== 'generateContent' && method !== 'streamGenerateContent') {
      throw new GatewayError('not_found', `The Gemini method '${method}' is not served on this route.`);
    }
    const hints = { model, stream: method === 'streamGenerateContent' };
    await handleGeneration(generation, {
      request,
      reply,
      codec: geminiCodec,
      body: request.body,
      hints,
      identity: request.identity,
    });
  });

  app.get('/v1/models', { config: config('openai'), preHandler: onRequest }, async () =>
    renderModelList([
      ...listAvailableModels(state.snapshot).map((model) => ({
        id: model.id,
        ownedBy: model.provider,
        type: model.type,
      })),
      ...state.snapshot.combos.map((combo) => ({ id: combo.name, ownedBy: 'combo', type: 'combo' })),
    ]),
  );
  app.get('/v1beta/models', { config: config('gemini'), preHandler: onRequest }, async () =>
    renderGeminiModelList(
      listAvailableModels(state.snapshot, 'chat').map((model) => ({
        id: model.id,
        contextLength: model.contextLength,
        maxOutputTokens: model.maxOutputTokens,
      })),
    ),
  );
  app.get('/api/tags', { config: config('ollama'), preHandler: onRequest }, async () =>
    renderTags(
      listAvailableModels(state.snapshot, 'chat').map((model) => ({ name: model.id, family: model.provider })),
    ),
  );
}
