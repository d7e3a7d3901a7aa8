import type { ClientCodec } from '../../core/codec.js';
import { createResponsesStreamEncoder } from './create-responses-stream-encoder.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { renderResponsesError, renderResponsesStreamError } from './render-responses-error.js';
import { renderResponsesResponse } from './render-responses-response.js';

/**
 * OpenAI Responses API (`POST /v1/responses`) as a client format.
 *
 * Server state: `previous_response_id` cannot be resolved by a pure codec. The gateway calls
 * `readContinuation(body)`, loads the stored canonical history for `previousResponseId`, and merges it into
 * `parseRequest`'s result with `insertContinuationHistory` (new instructions first, then history, then the
 * new input). When `store` is true it stores the exchange under the response `id` rendered to the client.
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

export { type Continuation, insertContinuationHistory, readContinuation } from './read-continuation.js';
