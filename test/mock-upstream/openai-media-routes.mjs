// POST /v1/images/generations and POST /v1/audio/transcriptions (multipart).

import { parseMultipart } from './parse-multipart.mjs';
import { addText, countWords, createTally, EMPTY_VIEW } from './plan-reply.mjs';
import { asString, MockRequestError, requireObject, requireString } from './request-fields.mjs';
import { sendJson, sendText } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').Route} Route
 * @typedef {import('./find-route.mjs').RouteContext} RouteContext
 */

/** A 1×1 transparent PNG, also served at GET /__mock/image.png for `url` answers. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** @type {Route} */
export const openaiImagesRoute = {
  format: 'openai',
  auth: 'bearer',
  describe(body) {
    const request = requireObject(body);
    const prompt = requireString(request, 'prompt');
    const tally = createTally();
    addText(tally, prompt);
    return { ...EMPTY_VIEW, model: asString(request.model) ?? 'dall-e-2', lastUserText: prompt, chars: tally.chars };
  },
  handle(context) {
    const request = requireObject(context.body);
    const count = typeof request.n === 'number' && request.n > 0 ? Math.min(request.n, 10) : 1;
    // gpt-image models always answer base64; dall-e answers a URL unless b64_json is asked for.
    const base64 = request.response_format === 'b64_json' || String(context.view.model).startsWith('gpt-image');
    const image = base64 ? { b64_json: TINY_PNG.toString('base64') } : { url: `${context.baseUrl}/__mock/image.png` };
    const revised = `Mock image of: ${context.view.lastUserText.slice(0, 200)}`;
    const data = Array.from({ length: count }, () => ({ ...image, revised_prompt: revised }));
    sendJson(context, 200, { created: Math.floor(Date.now() / 1000), data });
  },
};

/** @type {Route} */
export const openaiTranscriptionsRoute = {
  format: 'openai',
  auth: 'bearer',
  describe(_body, context) {
    const form = parseMultipart(context.raw, context.req.headers['content-type']);
    if (form === undefined) throw new MockRequestError('expected a multipart/form-data body');
    if (form.files.file === undefined) throw new MockRequestError('file: field required');
    return { ...EMPTY_VIEW, model: form.fields.model, lastUserText: form.fields.prompt ?? '' };
  },
  handle(context) {
    const form = parseMultipart(context.raw, context.req.headers['content-type']);
    const file = form?.files.file;
    const text = `Mock transcription of ${file?.filename ?? 'audio'} (${file?.size ?? 0} bytes)`;
    switch (form?.fields.response_format ?? 'json') {
      case 'text':
        return sendText(context, 200, `${text}\n`, 'text/plain; charset=utf-8');
      case 'srt':
        return sendText(context, 200, `1\n00:00:00,000 --> 00:00:01,000\n${text}\n\n`, 'text/plain; charset=utf-8');
      case 'vtt':
        return sendText(
          context,
          200,
          `WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n${text}\n\n`,
          'text/vtt; charset=utf-8',
        );
      case 'verbose_json':
        return sendJson(context, 200, {
          task: 'transcribe',
          language: 'english',
          duration: 1,
          text,
          segments: [
            {
              id: 0,
              seek: 0,
              start: 0,
              end: 1,
              text,
              tokens: [],
              temperature: 0,
              avg_logprob: 0,
              compression_ratio: 1,
              no_speech_prob: 0,
            },
          ],
        });
      default: {
        const tokens = countWords(text);
        const usage = { type: 'tokens', input_tokens: tokens, output_tokens: tokens, total_tokens: 2 * tokens };
        return sendJson(context, 200, { text, usage });
      }
    }
  },
};
