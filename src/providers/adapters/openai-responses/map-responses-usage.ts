import type { Usage } from '../../../core/canonical.js';
import type { WireUsage } from './responses-response-schema.js';

/** OpenAI's `input_tokens` already includes cached tokens, which is the canonical convention. */
export function mapResponsesUsage(usage: WireUsage): Usage {
  const cached = usage.input_tokens_details?.cached_tokens;
  const cacheWrite = usage.input_tokens_details?.cache_write_tokens;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    ...(typeof cached === 'number' ? { cachedInputTokens: cached } : {}),
    ...(typeof cacheWrite === 'number' ? { cacheWriteTokens: cacheWrite } : {}),
    ...(typeof reasoning === 'number' ? { reasoningTokens: reasoning } : {}),
  };
}
