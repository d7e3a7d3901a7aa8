import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import type { SpeechUpstream } from './speech-upstream.js';
import type { Transcript } from './transcript.js';
import type { TranscriptionAdapter } from './transcription-adapter.js';

const uploadSchema = z.looseObject({ upload_url: z.string() });
const transcriptSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  text: z.string().nullish(),
  error: z.string().nullish(),
  audio_duration: z.number().nullish(),
  language_code: z.string().nullish(),
  words: z.array(z.looseObject({ text: z.string(), start: z.number(), end: z.number() })).nullish(),
});
type TranscriptBody = z.infer<typeof transcriptSchema>;
const errorSchema = z.looseObject({ error: z.string() });

/**
 * AssemblyAI, asynchronous: upload the bytes (`POST /v2/upload`), create a transcript of the upload
 * (`POST /v2/transcript`, the model id being its `speech_model`), then poll `GET /v2/transcript/{id}` until it is
 * `completed` or `error`, every `poll.intervalMs` and for at most `poll.timeoutMs`; a client that goes away stops
 * the polling. https://www.assemblyai.com/docs/api-reference/transcripts/submit
 */
export const assemblyaiTranscription: TranscriptionAdapter = {
  // The newest transcript (at most one): free, and refused (401) for a bad key.
  // https://www.assemblyai.com/docs/api-reference/transcripts/list
  keyCheckPath: '/v2/transcript?limit=1',
  errorMessage(body) {
    const parsed = errorSchema.safeParse(body);
    return parsed.success ? parsed.data.error : undefined;
  },
  async transcribe(request, upstream) {
    const upload = read(
      uploadSchema,
      await upstream.call({
        method: 'POST',
        path: '/v2/upload',
        body: request.audio.bytes,
        contentType: 'application/octet-stream',
      }),
      upstream,
    );
    const language =
      request.language === undefined ? { language_detection: true } : { language_code: request.language };
    const created = read(
      transcriptSchema,
      await upstream.call({
        method: 'POST',
        path: '/v2/transcript',
        body: JSON.stringify({ audio_url: upload.upload_url, speech_model: upstream.model, ...language }),
        contentType: 'application/json',
      }),
      upstream,
    );
    return toTranscript(await awaitCompletion(created, upstream), request.language);
  },
};

async function awaitCompletion(created: TranscriptBody, upstream: SpeechUpstream): Promise<TranscriptBody> {
  const deadline = upstream.now() + upstream.poll.timeoutMs;
  let transcript = created;
  while (transcript.status !== 'completed') {
    if (transcript.status === 'error') {
      throw new GatewayError(
        'upstream_error',
        `${upstream.label} could not transcribe the audio: ${transcript.error ?? 'no reason given'}`,
      );
    }
    if (upstream.now() + upstream.poll.intervalMs > deadline) {
      throw new GatewayError(
        'upstream_timeout',
        `${upstream.label} did not finish transcript ${transcript.id} within ${Math.round(upstream.poll.timeoutMs / 1000)} s (settings: transcription.pollTimeoutSeconds).`,
      );
    }
    await upstream.pause(upstream.poll.intervalMs);
    const path = `/v2/transcript/${encodeURIComponent(transcript.id)}`;
    transcript = read(transcriptSchema, await upstream.call({ method: 'GET', path }), upstream);
  }
  return transcript;
}

function toTranscript(transcript: TranscriptBody, requestedLanguage: string | undefined): Transcript {
  return {
    text: transcript.text ?? '',
    language: transcript.language_code ?? requestedLanguage,
    duration: transcript.audio_duration ?? undefined,
    // AssemblyAI times words in milliseconds.
    words: transcript.words?.map(({ text, start, end }) => ({ word: text, start: start / 1000, end: end / 1000 })),
  };
}

function read<T>(schema: z.ZodType<T>, body: unknown, upstream: SpeechUpstream): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new GatewayError('upstream_error', `${upstream.label} sent an answer of an unknown shape.`);
  return parsed.data;
}
