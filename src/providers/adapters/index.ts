import type { UpstreamAdapter } from '../../core/codec.js';
import type { WireFormat } from '../../core/wire-format.js';
import { anthropicAdapter } from './anthropic/index.js';
import { geminiAdapter } from './gemini/index.js';
import { ollamaAdapter } from './ollama/index.js';
import { openaiAdapter } from './openai/index.js';
import { openaiResponsesAdapter } from './openai-responses/index.js';

/** One upstream adapter per wire format. */
export const upstreamAdapters: Record<WireFormat, UpstreamAdapter> = {
  openai: openaiAdapter,
  'openai-responses': openaiResponsesAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  ollama: ollamaAdapter,
};
