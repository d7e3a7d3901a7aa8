import type { Usage } from '../../../core/canonical.js';
import type { GeminiUsageMetadata } from './gemini-response-schema.js';

/**
 * Gemini `usageMetadata` → canonical usage. `promptTokenCount` already includes cached tokens; tool-use prompt
 * tokens (server-side tool results fed back to the model) are billed as input, so they join it.
 * `candidatesTokenCount` excludes thoughts, while canonical output counts everything generated.
 */
export function readGeminiUsage(metadata: GeminiUsageMetadata): Usage {
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  const cached = metadata.cachedContentTokenCount ?? 0;
  return {
    inputTokens: (metadata.promptTokenCount ?? 0) + (metadata.toolUsePromptTokenCount ?? 0),
    outputTokens: (metadata.candidatesTokenCount ?? 0) + thoughts,
    ...(cached > 0 ? { cachedInputTokens: cached } : {}),
    ...(thoughts > 0 ? { reasoningTokens: thoughts } : {}),
  };
}
