// POST /v1/listen: Deepgram's pre-recorded transcription (https://developers.deepgram.com/reference/listen-file).
// The body is the raw audio; options come in the query string.

import { mockTranscript } from './audio-transcript.mjs';
import { EMPTY_VIEW } from './plan-reply.mjs';
import { MockRequestError } from './request-fields.mjs';
import { sendJson } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').Route} Route
 * @typedef {import('./find-route.mjs').RouteContext} RouteContext
 */

/** @type {Route} */
export const deepgramListenRoute = {
  format: 'deepgram',
  auth: 'deepgram',
  describe(_body, context) {
    const type = context.req.headers['content-type'] ?? '';
    // Deepgram reads a JSON body as `{"url": ...}` (remote audio); the mock only transcribes uploaded bytes.
    if (type.includes('json')) throw new MockRequestError('the mock transcribes uploaded audio only, not {url}');
    if (context.raw.length === 0) {
      throw new MockRequestError('Bad Request: failed to process audio: corrupt or unsupported data');
    }
    return { ...EMPTY_VIEW, model: new URLSearchParams(context.query).get('model') ?? 'base' };
  },
  handle(context) {
    const query = new URLSearchParams(context.query);
    const transcript = mockTranscript('deepgram', context.raw.length);
    const words = transcript.words.map(({ word, start, end }) => ({
      word: word.toLowerCase(),
      start,
      end,
      confidence: 0.99,
      punctuated_word: word,
    }));
    /** @type {Record<string, unknown>} */
    const channel = {
      alternatives: [{ transcript: transcript.text, confidence: 0.99, words }],
    };
    if (query.get('detect_language') === 'true') {
      channel.detected_language = 'en';
      channel.language_confidence = 0.98;
    }
    /** @type {Record<string, unknown>} */
    const results = { channels: [channel] };
    if (query.get('utterances') === 'true') {
      results.utterances = [
        {
          start: 0,
          end: transcript.duration,
          confidence: 0.99,
          channel: 0,
          transcript: transcript.text,
          words,
          id: context.nextId('utt_'),
        },
      ];
    }
    sendJson(context, 200, {
      metadata: {
        transaction_key: 'deprecated',
        request_id: context.nextId('dg_'),
        created: new Date().toISOString(),
        duration: transcript.duration,
        channels: 1,
        models: [query.get('model') ?? 'base'],
      },
      results,
    });
  },
};
