import type { ClientCodec } from '../../core/codec.js';
import { createResponsesStreamEncoder } from './create-responses-stream-encoder.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { renderResponsesError, renderResponsesStreamError } from './render-responses-error.js';
import { renderResponsesResponse } from './render-responses-response.js';

/**
 * OpenAI Responses API (`POST /v1/responses`) as a client format.
 *
 * Server state: `previous_response_id` cannot be resolved by a pure codec. The gateway reads it with
 * `readContinuation(body)` and expands the stored items into `input` before `parseRequest` (which otherwise
 * accepts a request without input when `previous_response_id` is set). The client-visible response id is
 * `toResponseId(upstream id || context.id)`.
 */
export const openaiResponsesCodec: ClientCodec = {
  format: 'openai-responses',
  streamFraming: 'sse',
  parseRequest: parseResponsesRequest,
  renderResponse: renderResponsesResponse,
  createStreamEncoder: createResponsesStreamEncoder,
  renderError: renderResponsesError,
  renderStreamError: renderResponsesStreamError,
};

export { toResponseId } from './build-response-object.js';
export { type Continuation, readContinuation } from './read-continuation.js';
