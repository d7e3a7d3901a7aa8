import { openaiCodec } from '../../formats/openai/index.js';
import type { ProviderDefinition } from '../../providers/catalog/types.js';
import type { ResolvedModel } from '../../routing/resolve-model.js';
import type { MediaAdapter, MediaOperation } from '../media-operation.js';
import { assemblyaiTranscription } from './assemblyai.js';
import { deepgramTranscription } from './deepgram.js';
import { openaiTranscription } from './openai.js';
import { renderTranscript } from './render-transcript.js';
import { createSpeechUpstream } from './speech-upstream.js';
import type { TranscriptionAdapter } from './transcription-adapter.js';
import { parseTranscriptionRequest, type TranscriptionRequest } from './transcription-request.js';
import type { TranscriptionSettings } from './transcription-settings.js';

/** Speech APIs with a wire format of their own, by provider id; every other OpenAI-format provider speaks OpenAI's. */
const speechApis: Readonly<Record<string, TranscriptionAdapter>> = {
  deepgram: deepgramTranscription,
  assemblyai: assemblyaiTranscription,
};

/** Budgets reserve for the audio's likely length: its size at 128 kbit/s, a common MP3 rate. */
const estimatedBytesPerSecond = 16_000;

/** `POST /v1/audio/transcriptions` as a media operation: OpenAI's API to the client, any speech API upstream. */
export function createTranscriptionOperation(
  settings: () => TranscriptionSettings,
): MediaOperation<TranscriptionRequest> {
  const run =
    (adapter: TranscriptionAdapter): MediaAdapter<TranscriptionRequest> =>
    async (request, attempt) => {
      const { pollIntervalMs, pollTimeoutSeconds } = settings();
      const upstream = createSpeechUpstream({
        attempt,
        poll: { intervalMs: pollIntervalMs, timeoutMs: pollTimeoutSeconds * 1000 },
        errorMessage: adapter.errorMessage,
      });
      return renderTranscript(await adapter.transcribe(request, upstream), request);
    };
  return {
    kind: 'transcription',
    modelType: 'transcription',
    codec: openaiCodec,
    parse: parseTranscriptionRequest,
    adapterFor(resolved) {
      const adapter = transcriptionAdapterFor(resolved);
      return adapter === undefined ? undefined : run(adapter);
    },
    estimate: (request) => ({
      inputTokens: 0,
      outputTokens: 0,
      audioSeconds: request.audio.bytes.length / estimatedBytesPerSecond,
    }),
  };
}

export function transcriptionAdapterFor(
  resolved: Pick<ResolvedModel, 'provider' | 'format'>,
): TranscriptionAdapter | undefined {
  return ownSpeechApi(resolved.provider) ?? (resolved.format === 'openai' ? openaiTranscription : undefined);
}

/** The adapter of a provider that is a speech API of its own (Deepgram, AssemblyAI), else undefined. */
export function ownSpeechApi(provider: Pick<ProviderDefinition, 'id'>): TranscriptionAdapter | undefined {
  return Object.hasOwn(speechApis, provider.id) ? speechApis[provider.id] : undefined;
}
