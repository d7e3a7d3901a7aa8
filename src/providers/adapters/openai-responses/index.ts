import type { UpstreamAdapter } from '../../../core/codec.js';
import { buildResponsesRequest, responsesPath } from './build-responses-request.js';
import { createResponsesStreamDecoder } from './create-responses-stream-decoder.js';
import { parseResponsesErrorMessage } from './parse-responses-error-message.js';
import { parseResponsesResponse } from './parse-responses-response.js';
import { readResponsesStreamUsage, readResponsesUsage } from './read-responses-usage.js';

/** OpenAI Responses API (`POST {base}/responses`, base `https://api.openai.com/v1`) as an upstream. */
export const openaiResponsesAdapter: UpstreamAdapter = {
  format: 'openai-responses',
  streamFraming: 'sse',
  requestPath: () => responsesPath,
  buildRequest: buildResponsesRequest,
  parseResponse: parseResponsesResponse,
  createStreamDecoder: createResponsesStreamDecoder,
  parseErrorMessage: parseResponsesErrorMessage,
  readUsage: readResponsesUsage,
  readStreamUsage: readResponsesStreamUsage,
};
