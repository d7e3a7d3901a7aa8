import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingRig } from '../routing/routing-setup.js';
import { audioFile, logRow, postForm, startSpeechRig } from './transcription-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startSpeechRig();
});
afterAll(() => rig.stop());
beforeEach(() => rig.mock.reset());

describe('POST /v1/audio/transcriptions with the openai SDK', () => {
  it('transcribes through OpenAI (whisper-1): text, task, language, duration', async () => {
    const transcription = await rig.client.audio.transcriptions.create({
      model: 'openai/whisper-1',
      file: await audioFile(1000),
      language: 'en',
      prompt: 'A short clip',
      temperature: 0,
    });
    expect(transcription).toMatchObject({
      text: 'Mock transcription of speech.mp3 (1000 bytes)',
      task: 'transcribe',
      language: 'english',
      duration: 1,
    });
    const received = rig.mock.requests.at(-1);
    expect(received?.path).toBe('/v1/audio/transcriptions');
    expect(received?.headers.authorization).toBe('Bearer openai-key');
    expect(received?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('transcribes through Deepgram (deepgram/nova-3): the raw audio, Token auth, detected language', async () => {
    const transcription = await rig.client.audio.transcriptions.create({
      model: 'deepgram/nova-3',
      file: await audioFile(32_000),
    });
    expect(transcription).toMatchObject({
      text: 'Mock deepgram transcript of 32000 bytes',
      task: 'transcribe',
      language: 'en',
      duration: 2,
    });
    const received = rig.mock.requests.at(-1);
    expect(received?.path).toMatch(/^\/v1\/listen\?model=nova-3&/);
    expect(received?.headers.authorization).toBe('Token dg-key');
    expect(received?.headers['content-type']).toBe('audio/mpeg');
    expect(received?.body).toBe(32_000);
  });

  it('transcribes through AssemblyAI (assemblyai/best): upload, create, poll until completed', async () => {
    const transcription = await rig.client.audio.transcriptions.create({
      model: 'assemblyai/best',
      file: await audioFile(48_000),
      language: 'en',
    });
    expect(transcription).toMatchObject({
      text: 'Mock assemblyai transcript of 48000 bytes',
      language: 'en',
      duration: 3,
    });
    expect(
      rig.mock.requests.map((request) => `${request.method} ${request.path.replace(/transcript_\w+/, 'ID')}`),
    ).toEqual(['POST /v2/upload', 'POST /v2/transcript', 'GET /v2/transcript/ID', 'GET /v2/transcript/ID']);
    expect(rig.mock.requests[0]?.headers.authorization).toBe('aai-key');
    expect(rig.mock.requests[1]?.body).toMatchObject({ speech_model: 'best', language_code: 'en' });
  });

  it('transcribes through Groq’s OpenAI-compatible Whisper, priced per minute', async () => {
    await rig.connect('groq', ['groq-key']);
    const { data, response } = await rig.client.audio.transcriptions
      .create({ model: 'groq/whisper-large-v3-turbo', file: await audioFile(300) })
      .withResponse();
    expect(data).toMatchObject({ text: 'Mock transcription of speech.mp3 (300 bytes)', duration: 1 });
    expect(rig.mock.requests.at(-1)?.headers.authorization).toBe('Bearer groq-key');
    const row = await logRow(rig, response.headers.get('x-omniroute-request-id'));
    expect(row).toMatchObject({ provider: 'groq', model: 'whisper-large-v3-turbo', audio_ms: 1000, priced: true });
    expect(row.cost_usd).toBeCloseTo(0.000667 / 60, 9);
  });

  it.each([
    ['mp3', 'audio/mpeg'],
    ['mp4', 'audio/mp4'],
    ['mpeg', 'audio/mpeg'],
    ['mpga', 'audio/mpeg'],
    ['m4a', 'audio/mp4'],
    ['wav', 'audio/wav'],
    ['webm', 'audio/webm'],
    ['flac', 'audio/flac'],
    ['ogg', 'audio/ogg'],
    ['oga', 'audio/ogg'],
    ['opus', 'audio/opus'],
  ])('accepts a .%s file, sent upstream as %s', async (extension, upstreamType) => {
    // A generic type, as many clients send: the extension decides.
    const file = await audioFile(16_000, `clip.${extension}`, 'application/octet-stream');
    const transcription = await rig.client.audio.transcriptions.create({ model: 'deepgram/nova-3', file });
    expect(transcription.text).toBe('Mock deepgram transcript of 16000 bytes');
    expect(rig.mock.requests.at(-1)?.headers['content-type']).toBe(upstreamType);
  });

  it('names a file without an extension after its content type for OpenAI', async () => {
    const file = await audioFile(500, 'blob', 'audio/webm');
    const transcription = await rig.client.audio.transcriptions.create({ model: 'openai/whisper-1', file });
    expect(transcription.text).toBe('Mock transcription of blob.webm (500 bytes)');
  });
});

describe('response formats', () => {
  it('answers text as plain text', async () => {
    const text = await rig.client.audio.transcriptions.create({
      model: 'deepgram/nova-3',
      file: await audioFile(16_000),
      response_format: 'text',
    });
    expect(text).toBe('Mock deepgram transcript of 16000 bytes\n');
  });

  it('answers verbose_json with segments, and words when asked for', async () => {
    const verbose = await rig.client.audio.transcriptions.create({
      model: 'deepgram/nova-3',
      file: await audioFile(32_000),
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
    });
    expect(verbose).toMatchObject({ task: 'transcribe', duration: 2, language: 'en' });
    expect(verbose.segments).toEqual([{ id: 0, start: 0, end: 2, text: 'Mock deepgram transcript of 32000 bytes' }]);
    expect(verbose.words?.map((word) => word.word)).toEqual(['Mock', 'deepgram', 'transcript', 'of', '32000', 'bytes']);

    const openai = await rig.client.audio.transcriptions.create({
      model: 'openai/whisper-1',
      file: await audioFile(100),
      response_format: 'verbose_json',
    });
    expect(openai.segments?.[0]).toMatchObject({
      text: 'Mock transcription of speech.mp3 (100 bytes)',
      avg_logprob: 0,
    });
    expect(openai).not.toHaveProperty('words');
  });

  it('answers srt and vtt subtitles', async () => {
    const srt = await postForm(
      rig,
      { model: 'assemblyai/nano', response_format: 'srt' },
      {
        bytes: 32_000,
        name: 'a.wav',
        type: 'audio/wav',
      },
    );
    expect(srt.status).toBe(200);
    expect(srt.body).toBe('1\n00:00:00,000 --> 00:00:02,000\nMock assemblyai transcript of 32000 bytes\n\n');
    const vtt = await postForm(
      rig,
      { model: 'deepgram/nova-3', response_format: 'vtt' },
      {
        bytes: 16_000,
        name: 'a.wav',
        type: 'audio/wav',
      },
    );
    expect(vtt.headers.get('content-type')).toMatch(/^text\/vtt/);
    expect(vtt.body).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nMock deepgram transcript of 16000 bytes\n\n');
  });
});

describe('request log', () => {
  it('logs the audio duration and its per-minute cost', async () => {
    const { response } = await rig.client.audio.transcriptions
      .create({ model: 'deepgram/nova-3', file: await audioFile(96_000) })
      .withResponse();
    expect(response.headers.get('x-omniroute-provider')).toBe('deepgram');
    const row = await logRow(rig, response.headers.get('x-omniroute-request-id'));
    // 96 000 bytes are 6 s of mock audio: 0.1 min × $0.0043.
    expect(row).toMatchObject({
      route: '/v1/audio/transcriptions',
      provider: 'deepgram',
      model: 'nova-3',
      model_requested: 'deepgram/nova-3',
      status: 200,
      audio_ms: 6000,
      priced: true,
    });
    expect(row.cost_usd).toBeCloseTo(0.00043, 9);
  });

  it('stores the form without the audio bytes in detailed logs', async () => {
    await rig.harness.manage('PATCH', '/api/settings', { requestLogs: { detailed: true } });
    try {
      const { response } = await rig.client.audio.transcriptions
        .create({ model: 'deepgram/nova-3', file: await audioFile(20_000), language: 'en' })
        .withResponse();
      const row = await logRow(rig, response.headers.get('x-omniroute-request-id'));
      expect(JSON.parse(row.request_body)).toEqual({
        fields: { model: ['deepgram/nova-3'], language: ['en'] },
        file: { filename: 'speech.mp3', contentType: 'audio/mpeg', bytes: 20_000 },
      });
      expect(JSON.parse(row.response_body)).toMatchObject({ text: 'Mock deepgram transcript of 20000 bytes' });
    } finally {
      await rig.harness.manage('PATCH', '/api/settings', { requestLogs: { detailed: false } });
    }
  });

  it('logs tokens, not audio, for the token-billed gpt-4o transcribe models', async () => {
    const { data, response } = await rig.client.audio.transcriptions
      .create({ model: 'openai/gpt-4o-mini-transcribe', file: await audioFile(100) })
      .withResponse();
    expect(data.usage).toMatchObject({ type: 'tokens', input_tokens: 6, output_tokens: 6 });
    const row = await logRow(rig, response.headers.get('x-omniroute-request-id'));
    expect(row).toMatchObject({ input_tokens: 6, output_tokens: 6, audio_ms: null, priced: true });
    // 6 × $3 + 6 × $5 per million.
    expect(row.cost_usd).toBeCloseTo(0.000048, 9);
  });

  it('logs AssemblyAI by its whole-second duration', async () => {
    await rig.client.audio.transcriptions.create({ model: 'assemblyai/best', file: await audioFile(120_000) });
    // 7.5 s of audio, reported as 8 s: 8/60 min × $0.0025.
    expect(await logRow(rig)).toMatchObject({ provider: 'assemblyai', model: 'best', audio_ms: 8000 });
    expect((await logRow(rig)).cost_usd).toBeCloseTo((8 / 60) * 0.0025, 9);
  });
});
