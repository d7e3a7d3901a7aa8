import type { Usage } from '../../../core/canonical.js';
import type { OpenaiWireUsage } from './openai-wire-schemas.js';

/**
 * OpenAI usage → canonical usage. `prompt_tokens` already counts cached tokens (OpenAI, DeepSeek and Moonshot
 * all report hits as a subset of it), which is the canonical convention. Zero details are left out.
 */
export function convertOpenaiUsage(usage: OpenaiWireUsage): Usage {
  const result: Usage = { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0 };
  const cached = usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens ?? usage.cached_tokens;
  if (cached) result.cachedInputTokens = cached;
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  if (cacheWrite) result.cacheWriteTokens = cacheWrite;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoning) result.reasoningTokens = reasoning;
  return result;
}
