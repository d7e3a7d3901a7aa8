// POST /v1beta/models/{model}:embedContent, :batchEmbedContents (what @google/genai's embedContent calls) and
// :countTokens.
import { embedText } from './embed-text.mjs';
import { describeGemini } from './gemini-generate-route.mjs';
import { addText, createTally, EMPTY_VIEW } from './plan-reply.mjs';
import { asArray, isRecord, MockRequestError, requireObject, textOf } from './request-fields.mjs';
import { sendJson } from './send-reply.mjs';

/** @typedef {import('./find-route.mjs').Route} Route */

/** @param {unknown} request @returns {{ text: string, dimensions: number | undefined }} */
function embedRequest(request) {
  if (!isRecord(request) || !isRecord(request.content)) throw new MockRequestError('content: field required');
  const dimensions = request.outputDimensionality;
  return { text: textOf(request.content.parts), dimensions: typeof dimensions === 'number' ? dimensions : undefined };
}

/** @param {Array<{ text: string }>} requests @param {string | undefined} model */
function embedView(requests, model) {
  const tally = createTally();
  for (const { text } of requests) addText(tally, text);
  const lastUserText = requests.map(({ text }) => text).join('\n');
  return { ...EMPTY_VIEW, model, lastUserText, chars: tally.chars, cached: tally.cached };
}

/** @type {Route} */
export const geminiEmbedContentRoute = {
  format: 'gemini',
  auth: 'gemini',
  describe: (body, context) => embedView([embedRequest(body)], context.params.model),
  handle(context) {
    const { text, dimensions } = embedRequest(context.body);
    sendJson(context, 200, { embedding: { values: embedText(text, dimensions) } });
  },
};

/** @param {unknown} body */
function batchRequests(body) {
  const requests = asArray(requireObject(body).requests);
  if (requests.length === 0) throw new MockRequestError('requests: must be a non-empty array');
  return requests.map(embedRequest);
}

/** @type {Route} */
export const geminiBatchEmbedRoute = {
  format: 'gemini',
  auth: 'gemini',
  describe: (body, context) => embedView(batchRequests(body), context.params.model),
  handle(context) {
    const embeddings = batchRequests(context.body).map(({ text, dimensions }) => ({
      values: embedText(text, dimensions),
    }));
    sendJson(context, 200, { embeddings });
  },
};

/** @type {Route} */
export const geminiCountTokensRoute = {
  format: 'gemini',
  auth: 'gemini',
  describe(body, context) {
    const request = requireObject(body);
    // countTokens takes either `contents` or a whole `generateContentRequest`.
    return describeGemini(isRecord(request.generateContentRequest) ? request.generateContentRequest : request, context);
  },
  handle(context) {
    const totalTokens = Math.ceil(context.view.chars / 4);
    sendJson(context, 200, { totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] });
  },
};
