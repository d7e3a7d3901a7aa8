import type { UpstreamAdapter } from '../../../core/codec.js';
import { anthropicMessagesPath, buildAnthropicRequest } from './build-anthropic-request.js';
import { createAnthropicStreamDecoder } from './create-anthropic-stream-decoder.js';
import { parseAnthropicErrorMessage, parseAnthropicResponse, readAnthropicUsage } from './parse-anthropic-response.js';
import { readAnthropicStreamUsage } from './read-anthropic-stream-usage.js';

/**
 * The Anthropic Messages API (`{base}/messages`, base `https://api.anthropic.com/v1`) as an upstream. The
 * `anthropic-version` header comes from the provider catalog; auth headers are added by the gateway.
 */
export const anthropicAdapter: UpstreamAdapter = {
  format: 'anthropic',
  streamFraming: 'sse',
  requestPath: () => anthropicMessagesPath,
  buildRequest: buildAnthropicRequest,
  parseResponse: parseAnthropicResponse,
  createStreamDecoder: createAnthropicStreamDecoder,
  parseErrorMessage: parseAnthropicErrorMessage,
  readUsage: readAnthropicUsage,
  readStreamUsage: readAnthropicStreamUsage,
};
