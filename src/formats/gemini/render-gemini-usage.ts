import type { FinishReason, Usage } from '../../core/canonical.js';
import type { GeminiFinishReason, GeminiUsageMetadata } from './gemini-wire-types.js';

/**
 * Canonical usage → `usageMetadata`. Gemini's `candidatesTokenCount` excludes thoughts (they have their own
 * count) while canonical output includes them; `promptTokenCount` includes cached tokens like canonical input.
 */
export function renderGeminiUsage(usage: Usage | undefined): GeminiUsageMetadata {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  const thoughts = usage?.reasoningTokens ?? 0;
  const cached = usage?.cachedInputTokens ?? 0;
  return {
    promptTokenCount: inputTokens,
    candidatesTokenCount: Math.max(0, outputTokens - thoughts),
    totalTokenCount: inputTokens + outputTokens,
    ...(cached > 0 ? { cachedContentTokenCount: cached } : {}),
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  };
}

/** Gemini has no tool-call finish reason: a turn that calls functions ends with STOP. */
export function renderGeminiFinishReason(reason: FinishReason): GeminiFinishReason {
  switch (reason) {
    case 'stop':
    case 'tool-calls':
      return 'STOP';
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    case 'error':
    case 'other':
      return 'OTHER';
    default: {
      const unexpected: never = reason;
      throw new Error(`Unexpected finish reason ${String(unexpected)}`);
    }
  }
}
