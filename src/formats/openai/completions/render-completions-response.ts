import type { AssistantContentPart, CanonicalResponse, FinishReason } from '../../../core/canonical.js';
import type { ResponseContext } from '../../../core/codec.js';
import { type OpenaiUsage, renderOpenaiUsage } from '../render-openai-usage.js';

export type CompletionsFinishReason = 'stop' | 'length' | 'content_filter';

export interface TextCompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: Array<{ text: string; index: 0; finish_reason: CompletionsFinishReason | null; logprobs: null }>;
  usage?: OpenaiUsage;
}

/** Text completions have no tool calls; a tool-call finish (impossible without tools) reads as a stop. */
export function toCompletionsFinishReason(reason: FinishReason): CompletionsFinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'stop':
    case 'tool-calls':
    case 'error':
    case 'other':
      return 'stop';
    default: {
      const unexpected: never = reason;
      throw new Error(`Unexpected finish reason: ${String(unexpected)}`);
    }
  }
}

export function toCompletionId(id: string): string {
  return id.startsWith('cmpl-') ? id : `cmpl-${id}`;
}

/** Only the answer text is returned: reasoning and tool calls have no place in a text completion. */
function answerText(content: AssistantContentPart[]): string {
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

export function renderCompletionsResponse(response: CanonicalResponse, context: ResponseContext): TextCompletion {
  return {
    id: toCompletionId(response.id || context.id),
    object: 'text_completion',
    created: response.created ?? context.created,
    model: context.model,
    choices: [
      {
        text: answerText(response.content),
        index: 0,
        finish_reason: toCompletionsFinishReason(response.finishReason),
        logprobs: null,
      },
    ],
    usage: renderOpenaiUsage(response.usage),
  };
}
