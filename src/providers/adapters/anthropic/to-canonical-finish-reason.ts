import type { FinishReason } from '../../../core/canonical.js';

/**
 * Anthropic `stop_reason` → canonical finish reason. `pause_turn` (a server tool paused a long turn) has no
 * canonical meaning and reads as 'other'; `model_context_window_exceeded` is a length stop. Unknown future
 * values read as 'other' rather than failing the answer.
 */
export function toCanonicalFinishReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
