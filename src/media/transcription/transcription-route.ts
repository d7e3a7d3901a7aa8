import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { clientAuth } from '../../auth/request-auth.js';
import { renderModelList } from '../../formats/openai/index.js';
import type { GenerationDependencies } from '../../gateway/generation-handler.js';
import { listAvailableModels } from '../../gateway/model-listing.js';
import type { SettingsService } from '../../settings/settings-service.js';
import type { RuntimeState } from '../../state/runtime-state.js';
import { handleMedia } from '../handle-media.js';
import { readTranscriptionForm } from './read-transcription-form.js';
import { createTranscriptionOperation } from './transcription-operation.js';

export interface TranscriptionRouteOptions {
  generation: GenerationDependencies;
  state: RuntimeState;
  settings: SettingsService;
  requireApiKey: () => boolean;
}

/**
 * `POST /v1/audio/transcriptions` (OpenAI's multipart API, routed like chat to OpenAI-format, Deepgram and
 * AssemblyAI upstreams) and `GET /v1/audio/transcriptions` (the transcription models, as an OpenAI model list).
 */
export async function registerTranscriptionRoute(
  app: FastifyInstance,
  { generation, state, settings, requireApiKey }: TranscriptionRouteOptions,
): Promise<void> {
  const operation = createTranscriptionOperation(() => settings.value.transcription);
  const onRequest = clientAuth(state, requireApiKey);
  const config = { clientFormat: 'openai' as const };
  // Multipart parsing only in this scope: everywhere else a form upload stays a 415.
  await app.register(async (scope) => {
    await scope.register(multipart);
    // The key is checked before the upload is read (preHandler runs before the handler consumes the stream).
    scope.post('/v1/audio/transcriptions', { config, preHandler: onRequest }, async (request, reply) => {
      const maxBytes = Math.floor(settings.value.transcription.maxFileMb * 1024 * 1024);
      const form = await readTranscriptionForm(request, maxBytes);
      await handleMedia(generation, { request, reply, identity: request.identity, operation, body: form });
    });
  });
  app.get('/v1/audio/transcriptions', { config, preHandler: onRequest }, async () =>
    renderModelList(
      listAvailableModels(state.snapshot, 'transcription').map((model) => ({
        id: model.id,
        ownedBy: model.provider,
        type: model.type,
      })),
    ),
  );
}
