import type { UpstreamAdapter } from '../../../core/codec.js';
import { buildOpenaiChatRequest, chatCompletionsPath, type OpenaiAdapterOptions } from './build-openai-chat-request.js';
import { createOpenaiStreamDecoder } from './create-openai-stream-decoder.js';
import { parseOpenaiChatResponse } from './parse-openai-chat-response.js';
import { parseOpenaiErrorMessage } from './parse-openai-error-message.js';
import { readOpenaiStreamUsage, readOpenaiUsage } from './read-openai-usage.js';

/**
 * An OpenAI Chat Completions upstream (base `https://api.openai.com/v1`, path `/chat/completions`) or any
 * OpenAI-compatible server. Options cover the two request differences that compatible servers disagree on.
 */
export function createOpenaiAdapter(options: OpenaiAdapterOptions = {}): UpstreamAdapter {
  return {
    format: 'openai',
    streamFraming: 'sse',
    requestPath: () => chatCompletionsPath,
    buildRequest: (request) => buildOpenaiChatRequest(request, options),
    parseResponse: parseOpenaiChatResponse,
    createStreamDecoder: createOpenaiStreamDecoder,
    parseErrorMessage: parseOpenaiErrorMessage,
    readUsage: readOpenaiUsage,
    readStreamUsage: readOpenaiStreamUsage,
  };
}

export const openaiAdapter: UpstreamAdapter = createOpenaiAdapter();

export type { OpenaiAdapterOptions } from './build-openai-chat-request.js';
export { toReasoningEffort } from './build-openai-chat-request.js';
