import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.mjs';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const audio = Buffer.alloc(32_000, 1);

/** A response body as loosely typed JSON: tests assert on its shape. */
const json = async (response: Response): Promise<any> => response.json();

const deepgram = (query: string, headers: Record<string, string> = {}, body: Buffer = audio) =>
  fetch(`${mock.url}/v1/listen?${query}`, {
    method: 'POST',
    headers: { authorization: 'Token dg-key', 'content-type': 'audio/mpeg', ...headers },
    body,
  });

const assembly = (path: string, init: { method?: string; body?: Buffer | string; json?: unknown } = {}) =>
  fetch(`${mock.url}${path}`, {
    method: init.method ?? (init.body === undefined && init.json === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: 'aai-key',
      ...(init.json === undefined
        ? { 'content-type': 'application/octet-stream' }
        : { 'content-type': 'application/json' }),
    },
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });

describe('Deepgram /v1/listen', () => {
  it('transcribes the raw body: text and duration from its size, words with timings', async () => {
    const response = await deepgram('model=nova-3&detect_language=true&utterances=true');
    expect(response.status).toBe(200);
    const body = await json(response);
    const channel = body.results.channels[0];
    expect(channel.alternatives[0].transcript).toBe('Mock deepgram transcript of 32000 bytes');
    expect(channel.alternatives[0].words).toHaveLength(6);
    expect(channel.detected_language).toBe('en');
    expect(body.metadata.duration).toBe(2);
    expect(body.results.utterances[0]).toMatchObject({ start: 0, end: 2 });
    expect(mock.requests.at(-1)).toMatchObject({
      path: '/v1/listen?model=nova-3&detect_language=true&utterances=true',
    });
    expect(mock.requests.at(-1)?.body).toBe(32_000);
  });

  it('wants `Token <key>` and refuses an empty body, in Deepgram’s error shape', async () => {
    const anonymous = await fetch(`${mock.url}/v1/listen?model=nova-3`, { method: 'POST', body: audio });
    expect(anonymous.status).toBe(401);
    expect(await json(anonymous)).toMatchObject({ err_code: 'INVALID_AUTH', err_msg: 'Invalid credentials.' });
    const empty = await deepgram('model=nova-3', {}, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect((await json(empty)).err_msg).toContain('corrupt or unsupported data');
  });

  it('takes faults by header and from the queue (matched by the model in the query)', async () => {
    const header = await deepgram('model=nova-3', { 'x-mock-fault': JSON.stringify({ status: 503 }) });
    expect(header.status).toBe(503);
    expect(await json(header)).toMatchObject({ err_code: 'INTERNAL_SERVER_ERROR' });
    mock.enqueueFault({ status: 429, retryAfter: 3 }, { model: 'nova-3' });
    expect((await deepgram('model=nova-2')).status).toBe(200);
    const limited = await deepgram('model=nova-3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
  });

  it('lists the projects of the key (GET /v1/projects), 401 without one', async () => {
    const listed = await fetch(`${mock.url}/v1/projects`, { headers: { authorization: 'Token dg-key' } });
    expect(listed.status).toBe(200);
    expect((await json(listed)).projects).toEqual([{ project_id: expect.any(String), name: expect.any(String) }]);
    const anonymous = await fetch(`${mock.url}/v1/projects`);
    expect(anonymous.status).toBe(401);
    expect(await json(anonymous)).toMatchObject({ err_msg: 'Invalid credentials.' });
  });
});

describe('AssemblyAI /v2', () => {
  it('uploads, queues, then answers processing and completed on successive polls', async () => {
    const upload = await json(await assembly('/v2/upload', { body: audio }));
    expect(upload.upload_url).toMatch(/\/v2\/mock-upload\/.+bytes=32000$/);
    const created = await json(
      await assembly('/v2/transcript', { json: { audio_url: upload.upload_url, speech_model: 'best' } }),
    );
    expect(created).toMatchObject({ status: 'queued', text: null });
    const first = await json(await assembly(`/v2/transcript/${created.id}`));
    expect(first.status).toBe('processing');
    const second = await json(await assembly(`/v2/transcript/${created.id}`));
    expect(second).toMatchObject({
      status: 'completed',
      text: 'Mock assemblyai transcript of 32000 bytes',
      audio_duration: 2,
      language_code: 'en_us',
    });
    expect(second.words[1]).toMatchObject({ text: 'assemblyai', start: 333, end: 667 });
  });

  it('ends in status error for audio it never received, and 400s for bad requests', async () => {
    const created = await json(await assembly('/v2/transcript', { json: { audio_url: 'https://example.com/a.mp3' } }));
    await assembly(`/v2/transcript/${created.id}`);
    const failed = await json(await assembly(`/v2/transcript/${created.id}`));
    expect(failed).toMatchObject({ status: 'error', error: expect.stringContaining('Download error') });

    const badModel = await assembly('/v2/transcript', { json: { audio_url: 'x', speech_model: 'huge' } });
    expect(badModel.status).toBe(400);
    expect((await json(badModel)).error).toContain('speech_model');
    const unknown = await assembly('/v2/transcript/nope');
    expect(unknown.status).toBe(400);
    const anonymous = await fetch(`${mock.url}/v2/upload`, { method: 'POST', body: audio });
    expect(anonymous.status).toBe(401);
    expect(await json(anonymous)).toEqual({ error: 'Authentication error, API token missing/invalid' });
  });

  it("lists this mock's transcripts newest first (GET /v2/transcript?limit=N)", async () => {
    const upload = await json(await assembly('/v2/upload', { body: audio }));
    const older = await json(await assembly('/v2/transcript', { json: { audio_url: upload.upload_url } }));
    const newer = await json(await assembly('/v2/transcript', { json: { audio_url: upload.upload_url } }));
    await assembly(`/v2/transcript/${older.id}`);
    await assembly(`/v2/transcript/${older.id}`);
    const both = await json(await assembly('/v2/transcript?limit=2'));
    expect(both.page_details).toMatchObject({ limit: 2, result_count: 2 });
    expect(both.transcripts.map((entry: any) => [entry.id, entry.status])).toEqual([
      [newer.id, 'queued'],
      [older.id, 'completed'],
    ]);
    expect((await json(await assembly('/v2/transcript?limit=1'))).transcripts).toEqual([
      expect.objectContaining({ id: newer.id }),
    ]);
    expect((await assembly('/v2/transcript?limit=0')).status).toBe(400);
    expect((await fetch(`${mock.url}/v2/transcript?limit=1`)).status).toBe(401);
  });

  it('applies queued faults to polls', async () => {
    mock.enqueueFault({ status: 500 }, { path: /^\/v2\/transcript\/.+/ });
    const created = await json(await assembly('/v2/transcript', { json: { audio_url: 'x' } }));
    const poll = await assembly(`/v2/transcript/${created.id}`);
    expect(poll.status).toBe(500);
    expect((await json(poll)).error).toContain('500');
  });
});
