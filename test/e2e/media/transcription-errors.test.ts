import { APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jsonOf } from '../../helpers/gateway-harness.js';
import { createCombo, type RoutingRig, resetRouting } from '../routing/routing-setup.js';
import { audioFile, logRow, patchTranscription, postForm, startSpeechRig } from './transcription-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startSpeechRig();
  await createCombo(rig.harness, { name: 'speech', models: ['deepgram/nova-3', 'openai/whisper-1'] });
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
  await patchTranscription(rig, { maxFileMb: 25, pollIntervalMs: 20 });
});

const wav = { name: 'clip.wav', type: 'audio/wav' };

const failureOf = async (promise: Promise<unknown>): Promise<APIError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
};

describe('routing', () => {
  it('falls back from a failing Deepgram to OpenAI within a combo', async () => {
    rig.mock.enqueueFault({ status: 503 }, { path: '/v1/listen' });
    const { data, response } = await rig.client.audio.transcriptions
      .create({ model: 'speech', file: await audioFile(2000) })
      .withResponse();
    expect(data.text).toBe('Mock transcription of speech.mp3 (2000 bytes)');
    expect(rig.mock.requests.map((request) => request.path.split('?')[0])).toEqual([
      '/v1/listen',
      '/v1/audio/transcriptions',
    ]);
    expect(await logRow(rig, response.headers.get('x-omniroute-request-id'))).toMatchObject({
      combo: 'speech',
      provider: 'openai',
      model: 'whisper-1',
      attempts: 2,
      status: 200,
      audio_ms: 1000,
    });
  });

  it('serves from the combo’s first target when it works', async () => {
    const transcription = await rig.client.audio.transcriptions.create({
      model: 'speech',
      file: await audioFile(16_000),
    });
    expect(transcription.text).toBe('Mock deepgram transcript of 16000 bytes');
  });

  it('passes an upstream refusal on in OpenAI’s error shape, with the upstream’s message', async () => {
    rig.mock.enqueueFault({ status: 401 }, { path: '/v1/listen' });
    const error = await failureOf(
      rig.client.audio.transcriptions.create({ model: 'deepgram/nova-3', file: await audioFile(100) }),
    );
    expect(error.status).toBe(401);
    expect(error.message).toContain('Deepgram (deepgram) returned HTTP 401');
  });

  it('reports an AssemblyAI transcript that ends in error', async () => {
    rig.mock.enqueueFault(
      { body: { id: 'transcript_1', status: 'error', error: 'Audio file is silent' } },
      { path: /^\/v2\/transcript\/.+/ },
    );
    const error = await failureOf(
      rig.client.audio.transcriptions.create({ model: 'assemblyai/best', file: await audioFile(100) }),
    );
    expect(error.status).toBe(502);
    expect(error.message).toContain('AssemblyAI (assemblyai) could not transcribe the audio: Audio file is silent');
  });

  it('stops polling AssemblyAI when the client goes away', async () => {
    await patchTranscription(rig, { pollIntervalMs: 1000 });
    const abort = new AbortController();
    const call = rig.client.audio.transcriptions.create(
      { model: 'assemblyai/best', file: await audioFile(100) },
      { signal: abort.signal },
    );
    const settled = call.catch((error: unknown) => error);
    while (!rig.mock.requests.some((request) => request.path === '/v2/transcript')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    abort.abort();
    await settled;
    // Past the first poll's time, still no poll: the pause ended with the client.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(rig.mock.requests.filter((request) => request.method === 'GET')).toEqual([]);
    expect(await logRow(rig)).toMatchObject({ route: '/v1/audio/transcriptions', status: 499 });
  });

  it('refuses a model of another type', async () => {
    const error = await failureOf(
      rig.client.audio.transcriptions.create({ model: 'openai/gpt-4.1', file: await audioFile(100) }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('needs a transcription model');
  });
});

describe('upload validation', () => {
  it('caps the upload size with a 413 in OpenAI’s error shape', async () => {
    await patchTranscription(rig, { maxFileMb: 0.05 });
    const error = await failureOf(
      rig.client.audio.transcriptions.create({ model: 'deepgram/nova-3', file: await audioFile(60_000) }),
    );
    expect(error.status).toBe(413);
    expect(error.error).toMatchObject({ param: 'file', message: expect.stringContaining('transcription.maxFileMb') });
    expect(rig.mock.requests).toEqual([]);
    const fits = await rig.client.audio.transcriptions.create({
      model: 'deepgram/nova-3',
      file: await audioFile(50_000),
    });
    expect(fits.text).toBe('Mock deepgram transcript of 50000 bytes');
  });

  it('names the missing file', async () => {
    const answer = await postForm(rig, { model: 'deepgram/nova-3' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ param: 'file', type: 'invalid_request_error' });
    expect(await logRow(rig)).toMatchObject({ status: 400, route: '/v1/audio/transcriptions' });
  });

  it('names the missing model', async () => {
    const answer = await postForm(rig, {}, { bytes: 100, ...wav });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ param: 'model' });
  });

  it('refuses an unsupported type, listing the accepted ones', async () => {
    const answer = await postForm(
      rig,
      { model: 'deepgram/nova-3' },
      { bytes: 100, name: 'notes.txt', type: 'text/plain' },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.param).toBe('file');
    expect(answer.body.error.message).toContain(
      'Accepted formats: mp3, mpeg, mpga, mp4, m4a, wav, webm, flac, ogg, oga, opus',
    );
    expect(rig.mock.requests).toEqual([]);
  });

  it('refuses an unknown response_format', async () => {
    const answer = await postForm(rig, { model: 'deepgram/nova-3', response_format: 'xml' }, { bytes: 100, ...wav });
    expect(answer.status).toBe(400);
    expect(answer.body.error.param).toBe('response_format');
  });

  it('wants multipart/form-data', async () => {
    const response = await fetch(`${rig.harness.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'deepgram/nova-3' }),
    });
    expect(response.status).toBe(415);
    expect((await jsonOf(response)).error.message).toContain('multipart/form-data');
  });

  it('lists the transcription models', async () => {
    const response = await fetch(`${rig.harness.url}/v1/audio/transcriptions`);
    const list = await jsonOf(response);
    const ids = list.data.map((model: { id: string }) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['openai/whisper-1', 'deepgram/nova-3', 'assemblyai/best']));
    expect(ids).not.toContain('openai/gpt-4.1');
  });
});
