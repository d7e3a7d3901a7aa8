import type { FinishReason } from '../../../core/canonical.js';

/**
 * OpenAI finish reason → canonical. A plain `stop` on an answer that holds tool calls becomes `tool-calls`:
 * Gemini's OpenAI endpoint and several compatible servers report `stop` there, and clients of other formats
 * (Anthropic `tool_use`) only run tools when told so.
 */
export function mapOpenaiFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case 'stop':
    case null:
    case undefined:
      return hasToolCalls ? 'tool-calls' : 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return hasToolCalls ? 'tool-calls' : 'other';
  }
}
