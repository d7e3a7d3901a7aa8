import type { Usage } from '../../core/canonical.js';

/** OpenAI's `CompletionUsage` (shared by chat and legacy completions). */
export interface OpenaiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens?: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/**
 * Canonical usage → OpenAI usage. `prompt_tokens` is the whole prompt (cached included), which is already the
 * canonical convention. Unknown usage renders as zeros: clients read these fields unconditionally.
 */
export function renderOpenaiUsage(usage: Usage | undefined): OpenaiUsage {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  const promptDetails: OpenaiUsage['prompt_tokens_details'] = { cached_tokens: usage?.cachedInputTokens ?? 0 };
  if (usage?.cacheWriteTokens !== undefined) promptDetails.cache_write_tokens = usage.cacheWriteTokens;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: { reasoning_tokens: usage?.reasoningTokens ?? 0 },
  };
}
