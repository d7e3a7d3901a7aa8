import type { StreamDecoder, WireEvent } from '../../../core/codec.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { createToolCallId } from './create-tool-call-id.js';
import { ollamaChatResponseSchema } from './ollama-chat-response-schema.js';
import { toFinishReason, toolCallArgumentsText } from './parse-ollama-response.js';
import { parseOllamaErrorMessage, toUsage } from './read-ollama-usage.js';

/**
 * Ollama NDJSON lines → canonical parts. Text and thinking arrive as deltas; a tool call arrives whole in
 * one line's `message.tool_calls`, so it becomes tool-input-start/delta/end at once. The `done: true` line
 * carries done_reason and the counts. An `{"error": …}` line is Ollama's in-stream failure.
 */
export function createOllamaStreamDecoder(): StreamDecoder {
  let started = false;
  let finished = false;
  let toolIndex = 0;
  const usedIds = new Set<string>();

  const fail = (message: string): StreamPart[] => [{ type: 'error', kind: 'upstream', message }];

  return {
    decode(event: WireEvent): StreamPart[] {
      const data = event.data.trim();
      if (data === '' || finished) return [];
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return fail('Ollama sent a stream line that is not JSON');
      }
      const errorMessage = parseOllamaErrorMessage(json);
      if (errorMessage !== undefined) return fail(errorMessage);
      const result = ollamaChatResponseSchema.safeParse(json);
      if (!result.success) return fail(`Unexpected Ollama stream line: ${result.error.issues[0]?.message}`);
      const chunk = result.data;

      const parts: StreamPart[] = [];
      if (!started) {
        started = true;
        parts.push({ type: 'start', ...(chunk.model ? { model: chunk.model } : {}) });
      }
      const message = chunk.message;
      if (message?.thinking) parts.push({ type: 'reasoning-delta', text: message.thinking });
      if (message?.content) parts.push({ type: 'text-delta', text: message.content });
      for (const call of message?.tool_calls ?? []) {
        // A repeated server-sent id would merge two calls downstream; such a call gets a fresh one.
        const id = call.id && !usedIds.has(call.id) ? call.id : createToolCallId();
        usedIds.add(id);
        parts.push(
          { type: 'tool-input-start', id, name: call.function.name, index: toolIndex++ },
          { type: 'tool-input-delta', id, delta: toolCallArgumentsText(call) },
          { type: 'tool-input-end', id },
        );
      }
      if (chunk.done) {
        finished = true;
        parts.push({ type: 'usage', usage: toUsage(chunk) });
        parts.push({ type: 'finish', reason: toFinishReason(chunk.done_reason, toolIndex > 0) });
      }
      return parts;
    },
    end(): StreamPart[] {
      // Nothing is buffered: calls are emitted whole. A stream cut before `done` is reported by the caller.
      return [];
    },
  };
}
