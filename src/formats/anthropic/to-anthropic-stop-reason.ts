import type { FinishReason } from '../../core/canonical.js';

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'tool_use' | 'refusal';

/**
 * Canonical finish reason → Anthropic `stop_reason`. A canonical 'stop' may have been a stop sequence upstream,
 * but the matched sequence is not carried, so it is reported as `end_turn`; 'error' and 'other' have no
 * Anthropic value and read as a normal end.
 */
export function toAnthropicStopReason(reason: FinishReason): AnthropicStopReason {
  switch (reason) {
    case 'stop':
    case 'error':
    case 'other':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    default: {
      const exhaustive: never = reason;
      throw new Error(`unreachable finish reason ${String(exhaustive)}`);
    }
  }
}
