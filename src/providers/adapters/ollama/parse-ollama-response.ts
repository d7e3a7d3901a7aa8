import type { AssistantContentPart, CanonicalResponse, FinishReason } from '../../../core/canonical.js';
import { GatewayError } from '../../../core/errors.js';
import { createToolCallId } from './create-tool-call-id.js';
import {
  type OllamaChatResponse,
  type OllamaResponseToolCall,
  ollamaChatResponseSchema,
} from './ollama-chat-response-schema.js';
import { parseOllamaErrorMessage, toUsage } from './read-ollama-usage.js';

/** Arguments arrive as an object; a string (seen from OpenAI-minded proxies) is passed through as is. */
export function toolCallArgumentsText(call: OllamaResponseToolCall): string {
  const args = call.function.arguments;
  if (typeof args === 'string') return args;
  if (typeof args === 'object' && args !== null) return JSON.stringify(args);
  return '{}';
}

/** Ollama reports `stop` even when the turn ended in tool calls, so the calls decide. */
export function toFinishReason(doneReason: string | null | undefined, sawToolCalls: boolean): FinishReason {
  if (doneReason === 'length') return 'length';
  if (sawToolCalls) return 'tool-calls';
  if (doneReason === undefined || doneReason === null || doneReason === 'stop') return 'stop';
  return 'other';
}

export function parseOllamaChatBody(body: unknown): OllamaChatResponse {
  const message = parseOllamaErrorMessage(body);
  if (message !== undefined) throw new GatewayError('upstream_error', `Ollama error: ${message}`);
  const result = ollamaChatResponseSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new GatewayError(
      'upstream_error',
      `Unexpected Ollama answer${path ? ` at '${path}'` : ''}: ${issue?.message}`,
    );
  }
  return result.data;
}

/** Ollama's non-streaming `/api/chat` answer → canonical response. */
export function parseOllamaResponse(body: unknown): CanonicalResponse {
  const answer = parseOllamaChatBody(body);
  const content: AssistantContentPart[] = [];
  const message = answer.message;
  if (message?.thinking) content.push({ type: 'reasoning', text: message.thinking });
  if (message?.content) content.push({ type: 'text', text: message.content });
  const toolCalls = message?.tool_calls ?? [];
  for (const call of toolCalls) {
    content.push({
      type: 'tool-call',
      id: call.id || createToolCallId(),
      name: call.function.name,
      arguments: toolCallArgumentsText(call),
    });
  }
  const created = answer.created_at ? Date.parse(answer.created_at) : Number.NaN;
  return {
    // Ollama answers carry no id; the client codec shows its own when it needs one.
    id: `ollama-${createToolCallId().slice('call_'.length)}`,
    model: answer.model ?? '',
    content,
    finishReason: toFinishReason(answer.done_reason, toolCalls.length > 0),
    ...(answer.prompt_eval_count != null || answer.eval_count != null ? { usage: toUsage(answer) } : {}),
    ...(Number.isFinite(created) ? { created: Math.floor(created / 1000) } : {}),
  };
}
