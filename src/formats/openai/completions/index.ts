import type { ClientCodec } from '../../../core/codec.js';
import { renderOpenaiError, renderOpenaiStreamError } from '../render-openai-error.js';
import { createCompletionsStreamEncoder } from './create-completions-stream-encoder.js';
import { parseCompletionsRequest } from './parse-completions-request.js';
import { renderCompletionsResponse } from './render-completions-response.js';

/** OpenAI's legacy text completions client API (`POST /v1/completions`), served from chat upstreams. */
export const openaiCompletionsCodec: ClientCodec = {
  format: 'openai',
  streamFraming: 'sse',
  parseRequest: parseCompletionsRequest,
  renderResponse: renderCompletionsResponse,
  createStreamEncoder: createCompletionsStreamEncoder,
  renderError: renderOpenaiError,
  renderStreamError: renderOpenaiStreamError,
};
