import type { FinishReason, Usage } from '../../../core/canonical.js';
import type { ResponseContext, StreamEncoder } from '../../../core/codec.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { renderOpenaiStreamErrorPart } from '../render-openai-error.js';
import { renderOpenaiUsage } from '../render-openai-usage.js';
import { type TextCompletion, toCompletionId, toCompletionsFinishReason } from './render-completions-response.js';

/**
 * Canonical stream parts → legacy completion chunks: each frame is a whole `text_completion` object holding the
 * new text. The last chunk carries the finish reason and usage, then `data: [DONE]`. Only text is streamed.
 */
export function createCompletionsStreamEncoder(context: ResponseContext): StreamEncoder {
  let id = toCompletionId(context.id);
  let emitted = false;
  let failed = false;
  let ended = false;
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;

  function chunk(text: string, finish: TextCompletion['choices'][number]['finish_reason'], withUsage: boolean): string {
    const body: TextCompletion = {
      id,
      object: 'text_completion',
      created: context.created,
      model: context.model,
      choices: [{ text, index: 0, finish_reason: finish, logprobs: null }],
    };
    if (withUsage) body.usage = renderOpenaiUsage(usage);
    return `data: ${JSON.stringify(body)}\n\n`;
  }

  function encodePart(part: StreamPart): string {
    switch (part.type) {
      case 'start':
        if (!emitted && part.id) id = toCompletionId(part.id);
        return '';
      case 'text-delta':
        if (part.text === '') return '';
        emitted = true;
        return chunk(part.text, null, false);
      case 'reasoning-delta':
      case 'reasoning-signature':
      case 'redacted-reasoning':
      case 'tool-input-start':
      case 'tool-input-delta':
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
      return failed || ended ? '' : encodePart(part);
    },
    end() {
      if (ended) return '';
      ended = true;
      if (failed) return 'data: [DONE]\n\n';
      return `${chunk('', toCompletionsFinishReason(finishReason ?? 'stop'), true)}data: [DONE]\n\n`;
    },
  };
}
