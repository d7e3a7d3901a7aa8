// POST /v1beta/models/{model}:predict: Google's Imagen image generation on the Gemini API.
import { TINY_PNG } from './openai-media-routes.mjs';
import { addText, createTally, EMPTY_VIEW } from './plan-reply.mjs';
import { asArray, isRecord, MockRequestError, requireObject, requireString } from './request-fields.mjs';
import { sendJson } from './send-reply.mjs';

/** @typedef {import('./find-route.mjs').Route} Route */

/** @param {unknown} body @returns {{ prompt: string, count: number }} */
function predictRequest(body) {
  const request = requireObject(body);
  const [instance] = asArray(request.instances);
  if (!isRecord(instance)) throw new MockRequestError('instances: must be a non-empty array');
  const prompt = requireString(instance, 'prompt');
  const parameters = isRecord(request.parameters) ? request.parameters : {};
  const count = parameters.sampleCount ?? 1;
  // Imagen generates 1 to 4 images per request.
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 4) {
    throw new MockRequestError('parameters.sampleCount: must be an integer from 1 to 4');
  }
  return { prompt, count };
}

/** @type {Route} */
export const geminiPredictRoute = {
  format: 'gemini',
  auth: 'gemini',
  describe(body, context) {
    const { prompt } = predictRequest(body);
    const tally = createTally();
    addText(tally, prompt);
    return { ...EMPTY_VIEW, model: context.params.model, lastUserText: prompt, chars: tally.chars };
  },
  handle(context) {
    const { count } = predictRequest(context.body);
    const image = { bytesBase64Encoded: TINY_PNG.toString('base64'), mimeType: 'image/png' };
    sendJson(context, 200, { predictions: Array.from({ length: count }, () => image) });
  },
};
