import type { AssistantContentPart, CanonicalResponse } from '../../core/canonical.js';
import type { ResponseContext } from '../../core/codec.js';
import { type OpenaiUsage, renderOpenaiUsage } from './render-openai-usage.js';
import { type OpenaiFinishReason, toChatCompletionId, toOpenaiFinishReason } from './to-openai-finish-reason.js';

export interface OpenaiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenaiChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: 0;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: null;
      tool_calls?: OpenaiToolCall[];
      /** Not in OpenAI's schema: the de-facto field (DeepSeek, Qwen, vLLM) that OpenAI-compatible clients read. */
      reasoning_content?: string;
    };
    finish_reason: OpenaiFinishReason;
    logprobs: null;
  }>;
  usage: OpenaiUsage;
}

/** Separates the parts OpenAI chat can express; signatures and redacted reasoning have no field and are dropped. */
export function collectAssistantContent(content: AssistantContentPart[]): {
  text: string;
  reasoning: string;
  toolCalls: OpenaiToolCall[];
} {
  let text = '';
  let reasoning = '';
  const toolCalls: OpenaiToolCall[] = [];
  for (const part of content) {
    switch (part.type) {
      case 'text':
        text += part.text;
        break;
      case 'reasoning':
        reasoning += part.text;
        break;
      case 'redacted-reasoning':
        break;
      case 'tool-call':
        toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
        break;
      default: {
        const unexpected: never = part;
        throw new Error(`Unexpected assistant part: ${JSON.stringify(unexpected)}`);
      }
    }
  }
  return { text, reasoning, toolCalls };
}

export function renderOpenaiChatResponse(response: CanonicalResponse, context: ResponseContext): OpenaiChatCompletion {
  const { text, reasoning, toolCalls } = collectAssistantContent(response.content);
  const message: OpenaiChatCompletion['choices'][number]['message'] = {
    role: 'assistant',
    // OpenAI sends null content when the turn is only tool calls; an empty answer stays an empty string.
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '') message.reasoning_content = reasoning;
  return {
    id: toChatCompletionId(response.id || context.id),
    object: 'chat.completion',
    created: response.created ?? context.created,
    model: context.model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: toOpenaiFinishReason(response.finishReason, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    usage: renderOpenaiUsage(response.usage),
  };
}
