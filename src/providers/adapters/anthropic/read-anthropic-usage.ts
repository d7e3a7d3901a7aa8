import type { Usage } from '../../../core/canonical.js';
import type { AnthropicUsage } from './anthropic-response-schema.js';

/**
 * Anthropic usage → canonical usage. Anthropic's `input_tokens` excludes cache reads and writes, which it
 * reports beside it; canonical `inputTokens` is the whole prompt, so the three are added up. Cache and
 * reasoning counters are set only when non-zero, so an answer without caching reads the same from every format.
 */
export function toCanonicalUsage(usage: AnthropicUsage): Usage {
  const read = usage.cache_read_input_tokens ?? 0;
  const write = usage.cache_creation_input_tokens ?? 0;
  const result: Usage = {
    inputTokens: (usage.input_tokens ?? 0) + read + write,
    outputTokens: usage.output_tokens ?? 0,
  };
  if (read > 0) result.cachedInputTokens = read;
  if (write > 0) result.cacheWriteTokens = write;
  const thinking = usage.output_tokens_details?.thinking_tokens ?? 0;
  if (thinking > 0) result.reasoningTokens = thinking;
  return result;
}

/**
 * The usage fields one stream event actually carries. `message_start` has the prompt counts (and a placeholder
 * output count); `message_delta` has the final output count and, on newer API versions, the prompt counts again.
 * A prompt total is only computed when `input_tokens` itself is present.
 */
export function toPartialCanonicalUsage(usage: AnthropicUsage): Partial<Usage> {
  const result: Partial<Usage> = {};
  const read = usage.cache_read_input_tokens;
  const write = usage.cache_creation_input_tokens;
  if (typeof usage.input_tokens === 'number') result.inputTokens = usage.input_tokens + (read ?? 0) + (write ?? 0);
  if (typeof usage.output_tokens === 'number') result.outputTokens = usage.output_tokens;
  if (typeof read === 'number') result.cachedInputTokens = read;
  if (typeof write === 'number') result.cacheWriteTokens = write;
  const thinking = usage.output_tokens_details?.thinking_tokens;
  if (typeof thinking === 'number') result.reasoningTokens = thinking;
  return result;
}
