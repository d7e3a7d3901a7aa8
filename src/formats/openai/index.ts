import type { ClientCodec } from '../../core/codec.js';
import { createOpenaiStreamEncoder } from './create-openai-stream-encoder.js';
import { parseOpenaiChatRequest } from './parse-openai-chat-request.js';
import { renderOpenaiChatResponse } from './render-openai-chat-response.js';
import { renderOpenaiError, renderOpenaiStreamError } from './render-openai-error.js';

/** The OpenAI Chat Completions client API (`POST /v1/chat/completions`). */
export const openaiCodec: ClientCodec = {
  format: 'openai',
  streamFraming: 'sse',
  parseRequest: parseOpenaiChatRequest,
  renderResponse: renderOpenaiChatResponse,
  createStreamEncoder: (context) => createOpenaiStreamEncoder(context),
  renderError: renderOpenaiError,
  renderStreamError: renderOpenaiStreamError,
};

export { createOpenaiStreamEncoder, type OpenaiStreamEncoderOptions } from './create-openai-stream-encoder.js';
export { readIncludeUsage } from './parse-openai-chat-request.js';
export { type ModelListEntry, type OpenaiModelList, renderModelList } from './render-model-list.js';
