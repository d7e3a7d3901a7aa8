// POST /v1/embeddings: deterministic vectors, float arrays or float32 little-endian base64.
// The openai SDK asks for base64 when the caller sets no encoding_format, and decodes it itself.
import { embedText, toBase64Float32 } from './embed-text.mjs';
import { addText, createTally, EMPTY_VIEW } from './plan-reply.mjs';
import { MockRequestError, requireObject, requireString } from './request-fields.mjs';
import { sendJson } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').Route} Route
 */

/**
 * The texts to embed: strings as they are, token arrays as `t<id>` words so equal tokens embed alike.
 * @param {unknown} input
 * @returns {string[]}
 */
function embeddingInputs(input) {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0)
    throw new MockRequestError('input: must be a non-empty string or array');
  if (input.every((item) => typeof item === 'number')) return [tokensText(input)];
  return input.map((item) => {
    if (typeof item === 'string') return item;
    if (Array.isArray(item)) return tokensText(item);
    throw new MockRequestError('input: items must be strings or token arrays');
  });
}

/** @param {unknown[]} tokens */
function tokensText(tokens) {
  return tokens.map((token) => `t${String(token)}`).join(' ');
}

/** @type {Route} */
export const openaiEmbeddingsRoute = {
  format: 'openai',
  auth: 'bearer',
  describe(body) {
    const request = requireObject(body);
    const model = requireString(request, 'model');
    const tally = createTally();
    const texts = embeddingInputs(request.input);
    for (const text of texts) addText(tally, text);
    return { ...EMPTY_VIEW, model, lastUserText: texts.join('\n'), chars: tally.chars, cached: tally.cached };
  },
  handle(context) {
    const request = requireObject(context.body);
    const dimensions = typeof request.dimensions === 'number' ? request.dimensions : undefined;
    if (dimensions !== undefined && (!Number.isInteger(dimensions) || dimensions < 1)) {
      throw new MockRequestError('dimensions: must be a positive integer');
    }
    const base64 = request.encoding_format === 'base64';
    const data = embeddingInputs(request.input).map((text, index) => {
      const vector = embedText(text, dimensions);
      return { object: 'embedding', index, embedding: base64 ? toBase64Float32(vector) : vector };
    });
    const tokens = Math.ceil(context.view.chars / 4);
    sendJson(context, 200, {
      object: 'list',
      data,
      model: context.view.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  },
};
