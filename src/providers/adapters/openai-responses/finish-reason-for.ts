import type { FinishReason } from '../../../core/canonical.js';

/**
 * Responses status → canonical finish reason. The API has no "tool calls" status: a completed response that
 * contains function calls is the model asking for tool results.
 */
export function finishReasonFor({
  status,
  incompleteReason,
  hasToolCalls,
}: {
  status: string | null | undefined;
  incompleteReason: string | null | undefined;
  hasToolCalls: boolean;
}): FinishReason {
  if (status === 'incomplete') {
    if (incompleteReason === 'max_output_tokens') return 'length';
    if (incompleteReason === 'content_filter') return 'content-filter';
    return 'other';
  }
  if (status === 'failed') return 'error';
  if (status === 'completed' || status === undefined || status === null) return hasToolCalls ? 'tool-calls' : 'stop';
  return 'other';
}
