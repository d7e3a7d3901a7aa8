import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import type { Transcript } from './transcript.js';
import type { TranscriptionAdapter } from './transcription-adapter.js';

const wordSchema = z.looseObject({
  word: z.string(),
  punctuated_word: z.string().optional(),
  start: z.number(),
  end: z.number(),
});
const answerSchema = z.looseObject({
  metadata: z.looseObject({ duration: z.number().optional() }).optional(),
  results: z.looseObject({
    channels: z
      .array(
        z.looseObject({
          detected_language: z.string().optional(),
          alternatives: z
            .array(z.looseObject({ transcript: z.string(), words: z.array(wordSchema).optional() }))
            .min(1),
        }),
      )
      .min(1),
    utterances: z.array(z.looseObject({ start: z.number(), end: z.number(), transcript: z.string() })).optional(),
  }),
});
const errorSchema = z.looseObject({ err_msg: z.string().optional(), message: z.string().optional() });

/**
 * Deepgram's pre-recorded `POST /v1/listen`: the raw audio as the body, options in the query, `Authorization: Token`.
 * Smart formatting matches Whisper's punctuated output; utterances become the segments; without a language the
 * language is detected. https://developers.deepgram.com/reference/speech-to-text-api/listen
 */
export const deepgramTranscription: TranscriptionAdapter = {
  // The projects the key belongs to: free, and refused (401/403) for a bad key.
  // https://developers.deepgram.com/reference/manage/projects/list
  keyCheckPath: '/projects',
  errorMessage(body) {
    const parsed = errorSchema.safeParse(body);
    return parsed.success ? (parsed.data.err_msg ?? parsed.data.message) : undefined;
  },
  async transcribe(request, upstream) {
    const query = new URLSearchParams({ model: upstream.model, smart_format: 'true', utterances: 'true' });
    if (request.language === undefined) query.set('detect_language', 'true');
    else query.set('language', request.language);
    const answer = await upstream.call({
      method: 'POST',
      path: `/listen?${query}`,
      body: request.audio.bytes,
      contentType: request.format.contentType,
    });
    return readAnswer(answer, upstream.label, request.language);
  },
};

function readAnswer(answer: unknown, label: string, requestedLanguage: string | undefined): Transcript {
  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success) throw new GatewayError('upstream_error', `${label} sent a transcription without a transcript.`);
  const { metadata, results } = parsed.data;
  const [channel] = results.channels;
  const [best] = channel?.alternatives ?? [];
  return {
    text: best?.transcript ?? '',
    language: channel?.detected_language ?? requestedLanguage,
    duration: metadata?.duration,
    segments: results.utterances?.map(({ start, end, transcript }, id) => ({ id, start, end, text: transcript })),
    words: best?.words?.map(({ word, punctuated_word, start, end }) => ({ word: punctuated_word ?? word, start, end })),
  };
}
