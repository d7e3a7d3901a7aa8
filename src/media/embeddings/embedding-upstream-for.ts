import type { ResolvedModel } from '../../routing/resolve-model.js';
import type { EmbeddingUpstream } from './embedding-result.js';
import { geminiEmbeddings } from './gemini-embeddings.js';
import { ollamaEmbeddings } from './ollama-embeddings.js';
import { openaiEmbeddings } from './openai-embeddings.js';

/**
 * The embeddings API of a target, by its wire format. OpenAI-compatible providers (Responses-format ones share the
 * base URL) serve `/embeddings`; Anthropic has no embeddings API.
 */
export function embeddingUpstreamFor(resolved: ResolvedModel): EmbeddingUpstream | undefined {
  switch (resolved.format) {
    case 'openai':
    case 'openai-responses':
      return openaiEmbeddings;
    case 'gemini':
      return geminiEmbeddings;
    case 'ollama':
      return ollamaEmbeddings;
    case 'anthropic':
      return undefined;
    default: {
      const exhaustive: never = resolved.format;
      return exhaustive;
    }
  }
}
