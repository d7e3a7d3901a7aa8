import { GatewayError } from '../../core/errors.js';
import type { MediaRequest } from '../media-operation.js';
import { type AudioFormat, acceptedAudioExtensions, audioFormatOf } from './audio-formats.js';
import type { TranscriptionForm, UploadedAudio } from './read-transcription-form.js';

export const transcriptFormats = ['json', 'text', 'srt', 'verbose_json', 'vtt'] as const;
export type TranscriptFormat = (typeof transcriptFormats)[number];
export type TimestampGranularity = 'word' | 'segment';

/** A validated `POST /v1/audio/transcriptions`. */
export interface TranscriptionRequest extends MediaRequest {
  audio: UploadedAudio;
  /** The name and content type to send upstream. */
  format: AudioFormat;
  language?: string;
  prompt?: string;
  responseFormat: TranscriptFormat;
  temperature?: number;
  timestampGranularities: TimestampGranularity[];
  /** Fields this gateway does not read, forwarded as sent to OpenAI-format upstreams. */
  extraFields: Record<string, string[]>;
}

const knownFields = new Set([
  'file',
  'model',
  'language',
  'prompt',
  'response_format',
  'temperature',
  'stream',
  'timestamp_granularities',
  'timestamp_granularities[]',
]);

/** Validates a transcription form, naming the field at fault in every refusal. */
export function parseTranscriptionRequest(body: unknown): TranscriptionRequest {
  if (!isForm(body)) throw new GatewayError('invalid_request', 'The transcription form could not be read.');
  const { fields, file } = body;
  const model = single(fields, 'model');
  if (model === undefined) throw invalid('model', 'model: field required (e.g. whisper-1, deepgram/nova-3).');
  if (file === undefined) {
    throw invalid('file', 'file: field required: attach the audio as a file part named "file".');
  }
  const format = audioFormatOf(file.filename, file.contentType);
  if (format === undefined) {
    const described = `${file.filename || 'unnamed'}${file.contentType ? `, ${file.contentType}` : ''}`;
    throw invalid(
      'file',
      `Unsupported audio format (${described}). Accepted formats: ${acceptedAudioExtensions.join(', ')}.`,
    );
  }
  if (file.bytes.length === 0) throw invalid('file', 'The audio file is empty.');
  if (single(fields, 'stream') === 'true') {
    throw invalid('stream', 'Streamed transcription is not supported: leave stream unset or false.');
  }
  const extraFields: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(fields)) if (!knownFields.has(name)) extraFields[name] = values;
  return {
    model,
    audio: file,
    format,
    language: single(fields, 'language'),
    prompt: single(fields, 'prompt'),
    responseFormat: responseFormatOf(single(fields, 'response_format')),
    temperature: temperatureOf(single(fields, 'temperature')),
    timestampGranularities: granularitiesOf([
      ...(fields['timestamp_granularities[]'] ?? []),
      ...(fields.timestamp_granularities ?? []),
    ]),
    extraFields,
  };
}

function isForm(body: unknown): body is TranscriptionForm {
  return typeof body === 'object' && body !== null && 'fields' in body && 'file' in body;
}

/** The field's last value, trimmed; undefined when absent or blank. */
function single(fields: Record<string, string[]>, name: string): string | undefined {
  const value = fields[name]?.at(-1)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function responseFormatOf(value: string | undefined): TranscriptFormat {
  if (value === undefined) return 'json';
  const format = transcriptFormats.find((candidate) => candidate === value);
  if (format === undefined) {
    throw invalid('response_format', `response_format must be one of ${transcriptFormats.join(', ')}.`);
  }
  return format;
}

function temperatureOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const temperature = Number(value);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 1) {
    throw invalid('temperature', 'temperature must be a number from 0 to 1.');
  }
  return temperature;
}

function granularitiesOf(values: string[]): TimestampGranularity[] {
  const granularities = new Set<TimestampGranularity>();
  for (const value of values) {
    if (value !== 'word' && value !== 'segment') {
      throw invalid('timestamp_granularities', 'timestamp_granularities may hold "word" and "segment".');
    }
    granularities.add(value);
  }
  return [...granularities];
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', message, { param });
}
