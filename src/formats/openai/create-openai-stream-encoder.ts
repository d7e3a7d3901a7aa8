import type { FinishReason, Usage } from '../../core/canonical.js';
import type { ResponseContext, StreamEncoder } from '../../core/codec.js';
import type { StreamPart } from '../../core/stream-parts.js';
import { renderOpenaiStreamErrorPart } from './render-openai-error.js';
import { type OpenaiUsage, renderOpenaiUsage } from './render-openai-usage.js';
import { type OpenaiFinishReason, toChatCompletionId, toOpenaiFinishReason } from './to-openai-finish-reason.js';

export interface OpenaiStreamEncoderOptions {
  /**
   * false (the default): usage rides on the finish chunk, so every client gets it, whether or not it asked for
   * `stream_options.include_usage` (SDKs type `chunk.usage` as optional and read it from any chunk; Groq and
   * DeepSeek stream this way). true: OpenAI's exact include_usage grammar: `usage: null` on every chunk, then a
   * separate `{choices: [], usage}` chunk before `[DONE]`.
   */
  includeUsageChunk?: boolean;
}

interface ChunkDelta {
  role?: 'assistant';
  content?: string;
  reasoning_content?: string;
  tool_calls?: Array<{
    index: number;
    id?: string;
    type?: 'function';
    function: { name?: string; arguments: string };
  }>;
}

const doneFrame = 'data: [DONE]\n\n';

/**
 * Canonical stream parts → OpenAI `chat.completion.chunk` SSE frames. The finish is held until `end()` so the
 * final chunk can carry usage whichever order 'usage' and 'finish' arrive in. Reasoning text streams as
 * `reasoning_content` deltas; signatures and redacted reasoning have no OpenAI field and are dropped.
 */
export function createOpenaiStreamEncoder(
  context: ResponseContext,
  options: OpenaiStreamEncoderOptions = {},
): StreamEncoder {
  const { includeUsageChunk = false } = options;
  let id = toChatCompletionId(context.id);
  let started = false;
  let failed = false;
  let ended = false;
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  /** OpenAI tool call index by canonical call id: ordinals 0, 1, … in order of appearance. */
  const toolIndexes = new Map<string, number>();

  function chunk(delta: ChunkDelta, finish: OpenaiFinishReason | null = null, finalUsage?: OpenaiUsage): string {
    const body: Record<string, unknown> = {
      id,
      object: 'chat.completion.chunk',
      created: context.created,
      model: context.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    };
    if (finalUsage !== undefined) body.usage = finalUsage;
    else if (includeUsageChunk) body.usage = null;
    return `data: ${JSON.stringify(body)}\n\n`;
  }

  function opening(): string {
    if (started) return '';
    started = true;
    return chunk({ role: 'assistant', content: '' });
  }

  function encodePart(part: StreamPart): string {
    switch (part.type) {
      case 'start':
        if (!started && part.id) id = toChatCompletionId(part.id);
        return opening();
      case 'text-delta':
        return part.text === '' ? '' : opening() + chunk({ content: part.text });
      case 'reasoning-delta':
        return part.text === '' ? '' : opening() + chunk({ reasoning_content: part.text });
      case 'reasoning-signature':
      case 'redacted-reasoning':
        return '';
      case 'tool-input-start': {
        if (toolIndexes.has(part.id)) return '';
        const index = toolIndexes.size;
        toolIndexes.set(part.id, index);
        return (
          opening() +
          chunk({
            tool_calls: [{ index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }],
          })
        );
      }
      case 'tool-input-delta': {
        const index = toolIndexes.get(part.id);
        // A delta for a call never started has no name to show; decoders always start calls first.
        if (index === undefined || part.delta === '') return '';
        return chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] });
      }
      case 'tool-input-end':
        return '';
      case 'usage':
        usage = part.usage;
        return '';
      case 'finish':
        finishReason = part.reason;
        return '';
      case 'error':
        failed = true;
        return renderOpenaiStreamErrorPart(part.kind, part.message);
      default: {
        const unexpected: never = part;
        throw new Error(`Unexpected stream part: ${JSON.stringify(unexpected)}`);
      }
    }
  }

  return {
    encode(part) {
      if (failed || ended) return '';
      return encodePart(part);
    },
    end() {
      if (ended) return '';
      ended = true;
      // After an error the stream only needs its terminator: OpenAI sends no finish chunk for a failed answer.
      if (failed) return doneFrame;
      const reason = toOpenaiFinishReason(finishReason ?? 'stop', toolIndexes.size > 0);
      const finalUsage = renderOpenaiUsage(usage);
      if (includeUsageChunk) {
        const usageChunk = {
          id,
          object: 'chat.completion.chunk',
          created: context.created,
          model: context.model,
          choices: [],
          usage: finalUsage,
        };
        return `${opening()}${chunk({}, reason)}data: ${JSON.stringify(usageChunk)}\n\n${doneFrame}`;
      }
      return `${opening()}${chunk({}, reason, finalUsage)}${doneFrame}`;
    },
  };
}
