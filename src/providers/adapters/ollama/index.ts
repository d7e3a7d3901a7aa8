import type { UpstreamAdapter } from '../../../core/codec.js';
import { buildOllamaRequest, ollamaChatPath } from './build-ollama-request.js';
import { createOllamaStreamDecoder } from './create-ollama-stream-decoder.js';
import { parseOllamaResponse } from './parse-ollama-response.js';
import { parseOllamaErrorMessage, readOllamaStreamUsage, readOllamaUsage } from './read-ollama-usage.js';

/** Upstream side of Ollama's native chat API; base URL e.g. `http://127.0.0.1:11434`. */
export const ollamaAdapter: UpstreamAdapter = {
  format: 'ollama',
  streamFraming: 'ndjson',
  requestPath: () => ollamaChatPath,
  buildRequest: buildOllamaRequest,
  parseResponse: parseOllamaResponse,
  createStreamDecoder: createOllamaStreamDecoder,
  parseErrorMessage: parseOllamaErrorMessage,
  readUsage: readOllamaUsage,
  readStreamUsage: readOllamaStreamUsage,
};
