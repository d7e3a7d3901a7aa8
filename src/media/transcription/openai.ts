import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import { upstreamAdapters } from '../../providers/adapters/index.js';
import { encodeMultipart } from './encode-multipart.js';
import type { Transcript } from './transcript.js';
import type { TranscriptionAdapter } from './transcription-adapter.js';

const segmentSchema = z.looseObject({
  id: z.number().optional(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
});
const answerSchema = z.looseObject({
  text: z.string(),
  language: z.string().optional(),
  // Older Whisper answers sent the duration as a string.
  duration: z.union([z.number(), z.string()]).optional(),
  segments: z.array(segmentSchema).optional(),
  words: z.array(z.looseObject({ word: z.string(), start: z.number(), end: z.number() })).optional(),
  usage: z
    .looseObject({
      type: z.string().optional(),
      input_tokens: z.number().optional(),
      output_tokens: z.number().optional(),
      seconds: z.number().optional(),
    })
    .optional(),
});

/**
 * OpenAI's `POST /audio/transcriptions` and the APIs that copy it (Groq, local Whisper servers): multipart, answered
 * as JSON. Whisper models are asked for `verbose_json` (duration, language, segments); the gpt-4o transcribe models
 * only answer `json`, whose `usage` holds their tokens. Fields this gateway does not read go through as sent.
 * https://platform.openai.com/docs/api-reference/audio/createTranscription
 */
export const openaiTranscription: TranscriptionAdapter = {
  errorMessage: upstreamAdapters.openai.parseErrorMessage,
  async transcribe(request, upstream) {
    const verbose = /whisper/i.test(upstream.model);
    const fields: [string, string][] = [
      ['model', upstream.model],
      ['response_format', verbose ? 'verbose_json' : 'json'],
    ];
    if (request.language !== undefined) fields.push(['language', request.language]);
    if (request.prompt !== undefined) fields.push(['prompt', request.prompt]);
    if (request.temperature !== undefined) fields.push(['temperature', String(request.temperature)]);
    if (verbose)
      for (const granularity of request.timestampGranularities) fields.push(['timestamp_granularities[]', granularity]);
    for (const [name, values] of Object.entries(request.extraFields))
      for (const value of values) fields.push([name, value]);
    const form = encodeMultipart(fields, {
      name: 'file',
      filename: request.format.filename,
      contentType: request.format.contentType,
      bytes: request.audio.bytes,
    });
    const answer = await upstream.call({
      method: 'POST',
      path: '/audio/transcriptions',
      body: form.body,
      contentType: form.contentType,
    });
    return readAnswer(answer, upstream.label);
  },
};

function readAnswer(answer: unknown, label: string): Transcript {
  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success) throw new GatewayError('upstream_error', `${label} sent a transcription without text.`);
  const { text, language, duration, segments, words, usage } = parsed.data;
  const seconds = duration === undefined ? usage?.seconds : Number(duration);
  const tokens =
    usage?.type === 'tokens' ? { input: usage.input_tokens ?? 0, output: usage.output_tokens ?? 0 } : undefined;
  return {
    text,
    language,
    duration: seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined,
    segments: segments?.map((segment, index) => ({ ...segment, id: segment.id ?? index })),
    words: words?.map(({ word, start, end }) => ({ word, start, end })),
    tokens,
  };
}
