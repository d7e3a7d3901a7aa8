import type { ClientCodec } from '../../core/codec.js';
import { createOllamaStreamEncoder } from './create-ollama-stream-encoder.js';
import { parseOllamaRequest } from './parse-ollama-request.js';
import { renderOllamaError, renderOllamaStreamError } from './render-ollama-error.js';
import { renderOllamaResponse } from './render-ollama-response.js';

export { renderTags, type TagsModel } from './render-tags.js';

/** Client side of Ollama's native chat API (`POST /api/chat`, NDJSON streaming). */
export const ollamaCodec: ClientCodec = {
  format: 'ollama',
  streamFraming: 'ndjson',
  parseRequest: parseOllamaRequest,
  renderResponse: renderOllamaResponse,
  createStreamEncoder: createOllamaStreamEncoder,
  renderError: renderOllamaError,
  renderStreamError: renderOllamaStreamError,
};
