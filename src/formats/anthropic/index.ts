import type { ClientCodec } from '../../core/codec.js';
import { createAnthropicStreamEncoder } from './create-anthropic-stream-encoder.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';
import { renderAnthropicError, renderAnthropicStreamError } from './render-anthropic-error.js';
import { renderAnthropicResponse } from './render-anthropic-response.js';

/** The Anthropic Messages API (`POST /v1/messages`) as a client-facing format. */
export const anthropicCodec: ClientCodec = {
  format: 'anthropic',
  streamFraming: 'sse',
  parseRequest: parseAnthropicRequest,
  renderResponse: renderAnthropicResponse,
  createStreamEncoder: createAnthropicStreamEncoder,
  renderError: renderAnthropicError,
  renderStreamError: renderAnthropicStreamError,
};
