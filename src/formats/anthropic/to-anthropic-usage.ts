import type { Usage } from '../../core/canonical.js';

/** The usage object of an Anthropic answer (`Usage` / `MessageDeltaUsage` in the SDK types). */
export interface AnthropicWireUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

/**
 * Canonical usage → Anthropic usage. Canonical `inputTokens` is the whole prompt; Anthropic's `input_tokens`
 * counts only the uncached part, with cache reads and writes reported beside it, so they are taken back out.
 */
export function toAnthropicUsage(usage: Usage | undefined): AnthropicWireUsage {
  const cacheRead = usage?.cachedInputTokens ?? 0;
  const cacheWrite = usage?.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.inputTokens ?? 0) - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: usage?.outputTokens ?? 0,
  };
}
