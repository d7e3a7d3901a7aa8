import type { AssistantContentPart, FinishReason, Usage } from '../../core/canonical.js';
import type { ResponseContext } from '../../core/codec.js';
import { toolArgumentsToObject } from './tool-arguments-to-object.js';

export interface OllamaToolCallOut {
  function: { index: number; name: string; arguments: Record<string, unknown> };
}

export interface OllamaMessageOut {
  role: 'assistant';
  content: string;
  thinking?: string;
  tool_calls?: OllamaToolCallOut[];
}

/**
 * Ollama only knows `stop` and `length` for a generation (plus `load`/`unload` for model management). A turn
 * that ends in tool calls is reported as `stop` by Ollama itself, so clients detect calls from `tool_calls`.
 */
export function toOllamaDoneReason(reason: FinishReason): 'stop' | 'length' {
  switch (reason) {
    case 'length':
      return 'length';
    case 'stop':
    case 'tool-calls':
    case 'content-filter':
    case 'error':
    case 'other':
      return 'stop';
    default: {
      const unreachable: never = reason;
      throw new Error(`Unhandled finish reason ${String(unreachable)}`);
    }
  }
}

/**
 * Final-line counters. We do not see Ollama's timings (the answer may come from any provider), so the
 * durations are 0; the token counts are real.
 */
export function ollamaMetrics(usage: Usage | undefined) {
  return {
    total_duration: 0,
    load_duration: 0,
    prompt_eval_count: usage?.inputTokens ?? 0,
    prompt_eval_duration: 0,
    eval_count: usage?.outputTokens ?? 0,
    eval_duration: 0,
  };
}

export function toOllamaTimestamp(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

export function toOllamaAssistantMessage(content: AssistantContentPart[]): OllamaMessageOut {
  let text = '';
  let thinking = '';
  const toolCalls: OllamaToolCallOut[] = [];
  for (const part of content) {
    switch (part.type) {
      case 'text':
        text += part.text;
        break;
      case 'reasoning':
        thinking += part.text;
        break;
      case 'redacted-reasoning':
        // Opaque to anyone but the provider that produced it; an Ollama client cannot use it.
        break;
      case 'tool-call':
        toolCalls.push({
          function: {
            index: toolCalls.length,
            name: part.name,
            arguments: toolArgumentsToObject(part.arguments).value,
          },
        });
        break;
      default: {
        const unreachable: never = part;
        throw new Error(`Unhandled content part ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return {
    role: 'assistant',
    content: text,
    ...(thinking !== '' ? { thinking } : {}),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

/** Canonical answer → Ollama's non-streaming `/api/chat` body (field order as Ollama writes it). */
export function renderOllamaResponse(
  response: { content: AssistantContentPart[]; finishReason: FinishReason; usage?: Usage },
  context: ResponseContext,
) {
  return {
    model: context.model,
    created_at: toOllamaTimestamp(context.created),
    message: toOllamaAssistantMessage(response.content),
    done_reason: toOllamaDoneReason(response.finishReason),
    done: true,
    ...ollamaMetrics(response.usage),
  };
}
