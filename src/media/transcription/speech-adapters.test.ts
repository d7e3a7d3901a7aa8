import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { assemblyaiTranscription } from './assemblyai.js';
import { deepgramTranscription } from './deepgram.js';
import { openaiTranscription } from './openai.js';
import { UploadedAudio } from './read-transcription-form.js';
import type { SpeechCall, SpeechUpstream } from './speech-upstream.js';
import { parseTranscriptionRequest } from './transcription-request.js';

const request = (fields: Record<string, string> = {}) =>
  parseTranscriptionRequest({
    fields: Object.fromEntries(Object.entries({ model: 'x', ...fields }).map(([name, value]) => [name, [value]])),
    file: new UploadedAudio(Buffer.from('RIFF-audio'), 'clip.wav', 'audio/wav'),
  });

/** A scripted upstream: answers in order, records calls, and a clock that pauses advance. */
function scripted(model: string, answers: unknown[], poll = { intervalMs: 1000, timeoutMs: 5000 }) {
  const calls: SpeechCall[] = [];
  let clock = 0;
  const upstream: SpeechUpstream = {
    model,
    label: 'Test (test)',
    poll,
    now: () => clock,
    async pause(ms) {
      clock += ms;
    },
    async call(call) {
      calls.push(call);
      if (answers.length === 0) throw new Error('no scripted answer left');
      return answers.shift();
    },
  };
  return { upstream, calls, elapsed: () => clock };
}

const bodyText = (call: SpeechCall | undefined) => (call?.body === undefined ? '' : call.body.toString());

describe('OpenAI-format transcription', () => {
  it('asks Whisper models for verbose_json and keeps its segments', async () => {
    const { upstream, calls } = scripted('whisper-1', [
      { text: 'Hi', language: 'english', duration: '2.5', segments: [{ start: 0, end: 2.5, text: 'Hi', seek: 0 }] },
    ]);
    const transcript = await openaiTranscription.transcribe(
      request({ language: 'en', prompt: 'p', temperature: '0', 'timestamp_granularities[]': 'word', extra: 'kept' }),
      upstream,
    );
    expect(transcript).toMatchObject({ text: 'Hi', language: 'english', duration: 2.5 });
    expect(transcript.segments).toEqual([{ id: 0, start: 0, end: 2.5, text: 'Hi', seek: 0 }]);
    const sent = bodyText(calls[0]);
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/audio/transcriptions' });
    expect(calls[0]?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    for (const field of ['model', 'response_format', 'language', 'prompt', 'temperature', 'extra']) {
      expect(sent).toContain(`name="${field}"`);
    }
    expect(sent).toContain('verbose_json');
    expect(sent).toContain('name="timestamp_granularities[]"\r\n\r\nword');
    expect(sent).toContain('filename="clip.wav"\r\nContent-Type: audio/wav\r\n\r\nRIFF-audio');
  });

  it('asks gpt-4o transcribe models for json and reads their tokens', async () => {
    const { upstream, calls } = scripted('gpt-4o-transcribe', [
      { text: 'Hi', usage: { type: 'tokens', input_tokens: 30, output_tokens: 2 } },
    ]);
    const transcript = await openaiTranscription.transcribe(request({ response_format: 'srt' }), upstream);
    expect(transcript.tokens).toEqual({ input: 30, output: 2 });
    expect(bodyText(calls[0])).toContain('name="response_format"\r\n\r\njson\r\n');
  });

  it('refuses an answer without text', async () => {
    const { upstream } = scripted('whisper-1', [{ error: 'odd' }]);
    await expect(openaiTranscription.transcribe(request(), upstream)).rejects.toMatchObject({ code: 'upstream_error' });
  });
});

describe('Deepgram transcription', () => {
  const answer = {
    metadata: { duration: 4.2 },
    results: {
      channels: [
        {
          detected_language: 'de',
          alternatives: [
            { transcript: 'hallo welt', words: [{ word: 'hallo', punctuated_word: 'Hallo', start: 0, end: 1 }] },
          ],
        },
      ],
      utterances: [{ start: 0, end: 4.2, transcript: 'Hallo Welt.' }],
    },
  };

  it('sends the raw audio with its type and reads transcript, duration, language, words, utterances', async () => {
    const { upstream, calls } = scripted('nova-3', [answer]);
    const transcript = await deepgramTranscription.transcribe(request(), upstream);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/listen?model=nova-3&smart_format=true&utterances=true&detect_language=true',
      contentType: 'audio/wav',
    });
    expect(bodyText(calls[0])).toBe('RIFF-audio');
    expect(transcript).toEqual({
      text: 'hallo welt',
      language: 'de',
      duration: 4.2,
      segments: [{ id: 0, start: 0, end: 4.2, text: 'Hallo Welt.' }],
      words: [{ word: 'Hallo', start: 0, end: 1 }],
    });
  });

  it('passes a requested language instead of detecting one, and reads its errors', async () => {
    const { upstream, calls } = scripted('nova-3', [answer]);
    await deepgramTranscription.transcribe(request({ language: 'de' }), upstream);
    expect(calls[0]?.path).toContain('&language=de');
    expect(calls[0]?.path).not.toContain('detect_language');
    expect(deepgramTranscription.errorMessage({ err_code: 'INVALID_AUTH', err_msg: 'Invalid credentials.' })).toBe(
      'Invalid credentials.',
    );
  });
});

describe('AssemblyAI transcription', () => {
  const upload = { upload_url: 'https://cdn.example/u1' };
  const queued = { id: 't1', status: 'queued' };
  const completed = {
    id: 't1',
    status: 'completed',
    text: 'Hello',
    audio_duration: 7,
    language_code: 'en_us',
    words: [{ text: 'Hello', start: 120, end: 480 }],
  };

  it('uploads, creates the transcript, and polls until it is completed', async () => {
    const { upstream, calls, elapsed } = scripted('best', [
      upload,
      queued,
      { id: 't1', status: 'processing' },
      completed,
    ]);
    const transcript = await assemblyaiTranscription.transcribe(request(), upstream);
    expect(transcript).toEqual({
      text: 'Hello',
      language: 'en_us',
      duration: 7,
      words: [{ word: 'Hello', start: 0.12, end: 0.48 }],
    });
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /v2/upload',
      'POST /v2/transcript',
      'GET /v2/transcript/t1',
      'GET /v2/transcript/t1',
    ]);
    expect(calls[0]?.contentType).toBe('application/octet-stream');
    expect(JSON.parse(bodyText(calls[1]))).toEqual({
      audio_url: 'https://cdn.example/u1',
      speech_model: 'best',
      language_detection: true,
    });
    expect(elapsed()).toBe(2000);
  });

  it('sends a requested language code', async () => {
    const { upstream, calls } = scripted('nano', [upload, completed]);
    await assemblyaiTranscription.transcribe(request({ language: 'fr' }), upstream);
    expect(JSON.parse(bodyText(calls[1]))).toMatchObject({ speech_model: 'nano', language_code: 'fr' });
  });

  it('fails with the upstream’s reason when the transcript ends in error', async () => {
    const { upstream } = scripted('best', [upload, queued, { id: 't1', status: 'error', error: 'Audio is silent' }]);
    const failure = await assemblyaiTranscription.transcribe(request(), upstream).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayError);
    expect(failure).toMatchObject({ code: 'upstream_error', message: expect.stringContaining('Audio is silent') });
  });

  it('gives up after the poll timeout', async () => {
    const processing = { id: 't1', status: 'processing' };
    const { upstream, elapsed } = scripted('best', [upload, queued, processing, processing, processing, processing], {
      intervalMs: 1000,
      timeoutMs: 3500,
    });
    const failure = await assemblyaiTranscription.transcribe(request(), upstream).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'upstream_timeout', message: expect.stringContaining('within 4 s') });
    expect(elapsed()).toBe(3000);
  });
});
