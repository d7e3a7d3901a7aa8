import { describe, expect, it } from 'vitest';
import { UploadedAudio } from './read-transcription-form.js';
import { renderTranscript } from './render-transcript.js';
import type { Transcript } from './transcript.js';
import { parseTranscriptionRequest, type TranscriptFormat } from './transcription-request.js';

const request = (responseFormat: TranscriptFormat, granularities: string[] = []) =>
  parseTranscriptionRequest({
    fields: { model: ['m'], response_format: [responseFormat], 'timestamp_granularities[]': granularities },
    file: new UploadedAudio(Buffer.alloc(10), 'a.wav', 'audio/wav'),
  });

const transcript: Transcript = {
  text: 'Hello there. General Kenobi.',
  language: 'en',
  duration: 3725.5,
  segments: [
    { id: 0, start: 0, end: 1.25, text: ' Hello there.', avg_logprob: -0.1 },
    { id: 1, start: 3723.1, end: 3725.5, text: ' General Kenobi.' },
  ],
  words: [{ word: 'Hello', start: 0, end: 0.5 }],
};

describe('renderTranscript', () => {
  it('answers json with task, language, duration, and bills the audio seconds', () => {
    const answer = renderTranscript(transcript, request('json'));
    expect(answer.body).toEqual({
      text: 'Hello there. General Kenobi.',
      task: 'transcribe',
      language: 'en',
      duration: 3725.5,
      usage: { type: 'duration', seconds: 3726 },
    });
    expect(answer.usage).toEqual({ inputTokens: 0, outputTokens: 0, audioSeconds: 3725.5 });
  });

  it('reports tokens for token-billed models', () => {
    const answer = renderTranscript({ text: 'hi', tokens: { input: 20, output: 2 } }, request('json'));
    expect(answer.body).toMatchObject({ duration: null, language: null, usage: { type: 'tokens', total_tokens: 22 } });
    expect(answer.usage).toEqual({ inputTokens: 20, outputTokens: 2 });
  });

  it('adds segments to verbose_json, and words only when asked for', () => {
    expect(renderTranscript(transcript, request('verbose_json')).body).toMatchObject({
      segments: [{ avg_logprob: -0.1 }, { id: 1 }],
    });
    expect(renderTranscript(transcript, request('verbose_json')).body).not.toHaveProperty('words');
    const words = renderTranscript(transcript, request('verbose_json', ['word'])).body;
    expect(words).toMatchObject({ words: [{ word: 'Hello' }] });
    expect(words).not.toHaveProperty('segments');
  });

  it('answers plain text and subtitles', () => {
    expect(renderTranscript(transcript, request('text'))).toMatchObject({
      body: 'Hello there. General Kenobi.\n',
      contentType: 'text/plain; charset=utf-8',
    });
    expect(renderTranscript(transcript, request('srt')).body).toBe(
      '1\n00:00:00,000 --> 00:00:01,250\nHello there.\n\n2\n01:02:03,100 --> 01:02:05,500\nGeneral Kenobi.\n\n',
    );
    expect(renderTranscript({ text: 'Whole', duration: 2 }, request('vtt'))).toMatchObject({
      body: 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nWhole\n\n',
      contentType: 'text/vtt; charset=utf-8',
    });
  });
});
