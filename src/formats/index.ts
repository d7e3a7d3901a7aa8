import type { ClientCodec } from '../core/codec.js';
import type { WireFormat } from '../core/wire-format.js';
import { anthropicCodec } from './anthropic/index.js';
import { geminiCodec } from './gemini/index.js';
import { ollamaCodec } from './ollama/index.js';
import { openaiCodec } from './openai/index.js';
import { openaiResponsesCodec } from './openai-responses/index.js';

/** One client codec per wire format. */
export const clientCodecs: Record<WireFormat, ClientCodec> = {
  openai: openaiCodec,
  'openai-responses': openaiResponsesCodec,
  anthropic: anthropicCodec,
  gemini: geminiCodec,
  ollama: ollamaCodec,
};
