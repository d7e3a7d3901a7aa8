import type { ClientCodec } from '../../core/codec.js';
import { createGeminiStreamEncoder } from './create-gemini-stream-encoder.js';
import { parseGeminiRequest } from './parse-gemini-request.js';
import { renderGeminiError, renderGeminiStreamError } from './render-gemini-error.js';
import { renderGeminiResponse } from './render-gemini-response.js';

export { type GeminiMethod, parseModelPath } from './parse-model-path.js';
export { type GeminiModelListEntry, renderModelList } from './render-model-list.js';

/** Client side of the Gemini API: `POST /v1beta/models/{model}:generateContent | :streamGenerateContent?alt=sse`. */
export const geminiCodec: ClientCodec = {
  format: 'gemini',
  streamFraming: 'sse',
  parseRequest: parseGeminiRequest,
  renderResponse: renderGeminiResponse,
  createStreamEncoder: createGeminiStreamEncoder,
  renderError: renderGeminiError,
  renderStreamError: renderGeminiStreamError,
};
