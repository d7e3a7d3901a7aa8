import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { audioFormatOf } from './audio-formats.js';
import { type TranscriptionForm, UploadedAudio } from './read-transcription-form.js';
import { parseTranscriptionRequest } from './transcription-request.js';

const audio = (filename = 'speech.mp3', contentType: string | undefined = 'audio/mpeg', size = 100) =>
  new UploadedAudio(Buffer.alloc(size, 1), filename, contentType);

const form = (
  fields: Record<string, string | string[]>,
  file: UploadedAudio | undefined = audio(),
): TranscriptionForm => ({
  fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, [value].flat()])),
  file,
});

const refusal = (body: TranscriptionForm) => {
  try {
    parseTranscriptionRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return { status: error.status, param: error.param, message: error.message };
  }
  throw new Error('expected a refusal');
};

describe('audioFormatOf', () => {
  it.each([
    ['a.mp3', undefined, 'a.mp3', 'audio/mpeg'],
    ['A.WAV', 'application/octet-stream', 'A.WAV', 'audio/wav'],
    ['voice.m4a', 'audio/x-m4a', 'voice.m4a', 'audio/x-m4a'],
    ['blob', 'audio/webm;codecs=opus', 'blob.webm', 'audio/webm'],
    ['', 'audio/ogg', 'audio.ogg', 'audio/ogg'],
  ])('accepts %s (%s) as %s, sent as %s', (filename, type, name, sent) => {
    expect(audioFormatOf(filename, type)).toEqual({ filename: name, contentType: sent });
  });

  it.each([
    ['notes.txt', 'text/plain'],
    ['movie.avi', 'video/x-msvideo'],
    ['x.constructor', undefined],
  ])('refuses %s (%s)', (filename, type) => {
    expect(audioFormatOf(filename, type)).toBeUndefined();
  });
});

describe('parseTranscriptionRequest', () => {
  it('reads every field, keeping the ones it does not know for the upstream', () => {
    const request = parseTranscriptionRequest(
      form({
        model: 'whisper-1',
        language: 'en',
        prompt: 'Names: Ada',
        response_format: 'verbose_json',
        temperature: '0.2',
        'timestamp_granularities[]': ['word', 'segment'],
        chunking_strategy: 'auto',
      }),
    );
    expect(request).toMatchObject({
      model: 'whisper-1',
      language: 'en',
      prompt: 'Names: Ada',
      responseFormat: 'verbose_json',
      temperature: 0.2,
      timestampGranularities: ['word', 'segment'],
      extraFields: { chunking_strategy: ['auto'] },
      format: { filename: 'speech.mp3', contentType: 'audio/mpeg' },
    });
    expect(request.audio.bytes).toHaveLength(100);
  });

  it('defaults to json', () => {
    expect(parseTranscriptionRequest(form({ model: 'deepgram/nova-3' })).responseFormat).toBe('json');
  });

  it('names the field at fault', () => {
    expect(refusal(form({}))).toMatchObject({ status: 400, param: 'model' });
    expect(refusal({ ...form({ model: 'whisper-1' }), file: undefined })).toMatchObject({ status: 400, param: 'file' });
    expect(refusal(form({ model: 'whisper-1' }, audio('x.mp3', 'audio/mpeg', 0)))).toMatchObject({ param: 'file' });
    expect(refusal(form({ model: 'whisper-1', response_format: 'xml' }))).toMatchObject({ param: 'response_format' });
    expect(refusal(form({ model: 'whisper-1', temperature: '3' }))).toMatchObject({ param: 'temperature' });
    expect(refusal(form({ model: 'whisper-1', 'timestamp_granularities[]': 'char' }))).toMatchObject({
      param: 'timestamp_granularities',
    });
    expect(refusal(form({ model: 'whisper-1', stream: 'true' }))).toMatchObject({ param: 'stream' });
  });

  it('lists the accepted formats when refusing one', () => {
    const { message, param } = refusal(form({ model: 'whisper-1' }, audio('notes.txt', 'text/plain')));
    expect(param).toBe('file');
    expect(message).toContain('notes.txt, text/plain');
    expect(message).toContain('mp3, mpeg, mpga, mp4, m4a, wav, webm, flac, ogg, oga, opus');
  });

  it('logs the upload without its bytes', () => {
    expect(JSON.stringify(form({ model: 'm' }))).toBe(
      '{"fields":{"model":["m"]},"file":{"filename":"speech.mp3","contentType":"audio/mpeg","bytes":100}}',
    );
  });
});
