// AssemblyAI's asynchronous transcription (https://www.assemblyai.com/docs/api-reference/transcripts):
// POST /v2/upload (raw bytes → upload_url), POST /v2/transcript ({audio_url} → a queued transcript),
// GET /v2/transcript/{id} (queued → processing → completed, one step per poll), GET /v2/transcript?limit=N (the
// newest transcripts first, as the gateway's connection test asks).

import { mockTranscript } from './audio-transcript.mjs';
import { EMPTY_VIEW } from './plan-reply.mjs';
import { asString, MockRequestError, requireObject, requireString } from './request-fields.mjs';
import { sendJson } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').Route} Route
 * @typedef {import('./find-route.mjs').RouteContext} RouteContext
 * @typedef {{ polls: number, request: Record<string, unknown>, bytes: number | undefined, created: string }} TranscriptJob
 */

const SPEECH_MODELS = new Set(['best', 'nano', 'slam-1', 'universal']);
const MAX_JOBS = 1000;
/**
 * Jobs of every mock in this process, keyed by `<baseUrl> <id>` (ids repeat across mocks, base URLs do not).
 * @type {Map<string, TranscriptJob>}
 */
const jobs = new Map();

/** @type {Route} */
export const assemblyaiUploadRoute = {
  format: 'assemblyai',
  auth: 'assemblyai',
  handle(context) {
    if (context.raw.length === 0) throw new MockRequestError('Upload failed, the file is empty');
    const id = context.nextId('upload_');
    // The size travels in the URL, so a transcript can be made of it without keeping the bytes.
    sendJson(context, 200, { upload_url: `${context.baseUrl}/v2/mock-upload/${id}?bytes=${context.raw.length}` });
  },
};

/** @type {Route} */
export const assemblyaiCreateTranscriptRoute = {
  format: 'assemblyai',
  auth: 'assemblyai',
  describe(body) {
    const request = requireObject(body);
    requireString(request, 'audio_url');
    const model = asString(request.speech_model) ?? 'best';
    if (!SPEECH_MODELS.has(model)) {
      throw new MockRequestError(`speech_model: must be one of ${[...SPEECH_MODELS].join(', ')}`);
    }
    return { ...EMPTY_VIEW, model };
  },
  handle(context) {
    const request = requireObject(context.body);
    const id = context.nextId('transcript_');
    const bytes = uploadedBytes(context.baseUrl, String(request.audio_url));
    if (jobs.size >= MAX_JOBS) jobs.delete(jobs.keys().next().value ?? '');
    const job = { polls: 0, request, bytes, created: new Date().toISOString() };
    jobs.set(`${context.baseUrl} ${id}`, job);
    sendJson(context, 200, transcriptBody(id, job, 'queued'));
  },
};

/** @type {Route} */
export const assemblyaiGetTranscriptRoute = {
  format: 'assemblyai',
  auth: 'assemblyai',
  handle(context) {
    const id = context.params.id ?? '';
    const job = jobs.get(`${context.baseUrl} ${id}`);
    if (job === undefined) throw new MockRequestError('Transcript lookup error, transcript id not found');
    job.polls += 1;
    const status = job.polls < 2 ? 'processing' : job.bytes === undefined ? 'error' : 'completed';
    sendJson(context, 200, transcriptBody(id, job, status));
  },
};

/** @type {Route} */
export const assemblyaiListTranscriptsRoute = {
  format: 'assemblyai',
  auth: 'assemblyai',
  handle(context) {
    const requested = new URLSearchParams(context.query).get('limit');
    const limit = requested === null ? 10 : Number(requested);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new MockRequestError('limit: must be an integer from 1 to 200');
    }
    const prefix = `${context.baseUrl} `;
    const transcripts = [...jobs]
      .filter(([key]) => key.startsWith(prefix))
      .reverse()
      .slice(0, limit)
      .map(([key, job]) => {
        const id = key.slice(prefix.length);
        const status = listedStatus(job);
        return {
          id,
          resource_url: `${context.baseUrl}/v2/transcript/${id}`,
          status,
          created: job.created,
          completed: status === 'completed' ? job.created : null,
          audio_url: job.request.audio_url,
          error: status === 'error' ? 'Download error' : null,
        };
      });
    const current = `${context.baseUrl}/v2/transcript?limit=${limit}`;
    sendJson(context, 200, {
      page_details: { limit, result_count: transcripts.length, current_url: current, prev_url: null, next_url: null },
      transcripts,
    });
  },
};

/**
 * A transcript's status in a list: the one its last answer gave (`queued` before any poll).
 * @param {TranscriptJob} job
 */
function listedStatus({ polls, bytes }) {
  if (polls === 0) return 'queued';
  if (polls < 2) return 'processing';
  return bytes === undefined ? 'error' : 'completed';
}

/**
 * @param {string} baseUrl
 * @param {string} audioUrl
 * @returns {number | undefined} undefined when the URL is not one of this mock's uploads
 */
function uploadedBytes(baseUrl, audioUrl) {
  if (!audioUrl.startsWith(`${baseUrl}/v2/mock-upload/`)) return undefined;
  const bytes = /[?&]bytes=(\d+)/.exec(audioUrl)?.[1];
  return bytes === undefined ? undefined : Number(bytes);
}

/**
 * @param {string} id
 * @param {TranscriptJob} job
 * @param {'queued' | 'processing' | 'completed' | 'error'} status
 */
function transcriptBody(id, { request, bytes }, status) {
  const detect = request.language_detection === true;
  const base = {
    id,
    status,
    audio_url: request.audio_url,
    speech_model: asString(request.speech_model) ?? 'best',
    language_code: detect ? undefined : (asString(request.language_code) ?? 'en_us'),
    language_detection: detect,
    punctuate: request.punctuate !== false,
    format_text: request.format_text !== false,
    text: null,
    words: null,
    confidence: null,
    audio_duration: null,
    error: undefined,
  };
  if (status === 'error') return { ...base, error: `Download error, unable to download ${base.audio_url}` };
  if (status !== 'completed' || bytes === undefined) return base;
  const transcript = mockTranscript('assemblyai', bytes);
  return {
    ...base,
    language_code: detect ? 'en' : base.language_code,
    text: transcript.text,
    // AssemblyAI times words in milliseconds and reports the duration in whole seconds.
    words: transcript.words.map(({ word, start, end }) => ({
      text: word,
      start: Math.round(start * 1000),
      end: Math.round(end * 1000),
      confidence: 0.99,
      speaker: null,
    })),
    confidence: 0.99,
    audio_duration: Math.ceil(transcript.duration),
  };
}
