import type { FinishReason, Usage } from '../../core/canonical.js';
import type { ResponseContext, StreamEncoder } from '../../core/codec.js';
import type { StreamPart } from '../../core/stream-parts.js';
import { ollamaMetrics, toOllamaDoneReason, toOllamaTimestamp } from './render-ollama-response.js';
import { toolArgumentsToObject } from './tool-arguments-to-object.js';

interface OpenToolCall {
  name: string;
  index: number;
  arguments: string;
}

const line = (value: unknown): string => `${JSON.stringify(value)}\n`;

/**
 * Canonical parts → Ollama NDJSON lines. Ollama streams text and thinking as deltas, but a tool call only
 * ever arrives whole, so argument deltas are buffered and the call is written at its tool-input-end. The
 * last line is `done: true` with done_reason and the token counts; after an in-stream error Ollama simply
 * closes the stream, so nothing more is written.
 */
export function createOllamaStreamEncoder(context: ResponseContext): StreamEncoder {
  const createdAt = toOllamaTimestamp(context.created);
  const openCalls = new Map<string, OpenToolCall>();
  let usage: Usage | undefined;
  let finishReason: FinishReason | undefined;
  let failed = false;
  let ended = false;

  const chunk = (message: Record<string, unknown>): string =>
    line({ model: context.model, created_at: createdAt, message: { role: 'assistant', ...message }, done: false });

  const writeCall = (id: string): string => {
    const call = openCalls.get(id);
    if (call === undefined) return '';
    openCalls.delete(id);
    const args = toolArgumentsToObject(call.arguments).value;
    return chunk({ content: '', tool_calls: [{ function: { index: call.index, name: call.name, arguments: args } }] });
  };

  return {
    encode(part: StreamPart): string {
      if (failed || ended) return '';
      switch (part.type) {
        case 'start':
        case 'reasoning-signature':
        case 'redacted-reasoning':
          // Ollama has no response id and no reasoning signatures.
          return '';
        case 'text-delta':
          return part.text === '' ? '' : chunk({ content: part.text });
        case 'reasoning-delta':
          return part.text === '' ? '' : chunk({ content: '', thinking: part.text });
        case 'tool-input-start':
          if (!openCalls.has(part.id)) openCalls.set(part.id, { name: part.name, index: part.index, arguments: '' });
          return '';
        case 'tool-input-delta': {
          const call = openCalls.get(part.id);
          if (call !== undefined) call.arguments += part.delta;
          return '';
        }
        case 'tool-input-end':
          return writeCall(part.id);
        case 'usage':
          usage = part.usage;
          return '';
        case 'finish': {
          finishReason = part.reason;
          // Decoders end every call before finish; this only guards against one that did not.
          return [...openCalls.keys()].map(writeCall).join('');
        }
        case 'error':
          failed = true;
          return line({ error: part.message });
        default: {
          const unreachable: never = part;
          throw new Error(`Unhandled stream part ${JSON.stringify(unreachable)}`);
        }
      }
    },
    end(): string {
      if (ended) return '';
      ended = true;
      if (failed) return '';
      // Calls still open here never completed (the stream was cut), so their arguments cannot be trusted.
      openCalls.clear();
      return line({
        model: context.model,
        created_at: createdAt,
        message: { role: 'assistant', content: '' },
        done_reason: toOllamaDoneReason(finishReason ?? 'stop'),
        done: true,
        ...ollamaMetrics(usage),
      });
    },
  };
}
