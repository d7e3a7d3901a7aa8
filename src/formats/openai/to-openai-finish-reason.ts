import type { FinishReason } from '../../core/canonical.js';

export type OpenaiFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * Canonical → OpenAI finish reason. When the answer holds tool calls, `tool_calls` wins over a plain stop: some
 * upstreams (Gemini, several OpenAI-compatible servers) report `stop` with calls, and agents only run tools on
 * `tool_calls`. OpenAI has no `error`/`other`; those end as `stop` (an error is reported by its own event).
 */
export function toOpenaiFinishReason(reason: FinishReason, hasToolCalls: boolean): OpenaiFinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'tool-calls':
      return 'tool_calls';
    case 'stop':
    case 'error':
    case 'other':
      return hasToolCalls ? 'tool_calls' : 'stop';
    default: {
      const unexpected: never = reason;
      throw new Error(`Unexpected finish reason: ${String(unexpected)}`);
    }
  }
}

/** Chat completion ids start with `chatcmpl-`; upstream ids of other formats get the prefix added. */
export function toChatCompletionId(id: string): string {
  return id.startsWith('chatcmpl-') ? id : `chatcmpl-${id}`;
}
