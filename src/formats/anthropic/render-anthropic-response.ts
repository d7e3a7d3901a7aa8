import type { AssistantContentPart, CanonicalResponse } from '../../core/canonical.js';
import type { ResponseContext } from '../../core/codec.js';
import { parseToolInput } from './parse-tool-input.js';
import { type AnthropicStopReason, toAnthropicStopReason } from './to-anthropic-stop-reason.js';
import { type AnthropicWireUsage, toAnthropicUsage } from './to-anthropic-usage.js';

export type AnthropicResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** The `Message` object of a non-streaming answer. */
export interface AnthropicMessageResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: null;
  usage: AnthropicWireUsage;
}

export function renderAnthropicResponse(
  response: CanonicalResponse,
  context: ResponseContext,
): AnthropicMessageResponse {
  return {
    id: response.id === '' ? context.id : response.id,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: response.content.flatMap(toResponseBlock),
    stop_reason: toAnthropicStopReason(response.finishReason),
    stop_sequence: null,
    usage: toAnthropicUsage(response.usage),
  };
}

function toResponseBlock(part: AssistantContentPart): AnthropicResponseBlock[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    case 'reasoning':
      // Unsigned reasoning (from a non-Anthropic upstream) keeps an empty signature, which our parser reads back
      // as "no signature" when the client replays the turn.
      return [{ type: 'thinking', thinking: part.text, signature: part.signature ?? '' }];
    case 'redacted-reasoning':
      return [{ type: 'redacted_thinking', data: part.data }];
    case 'tool-call':
      return [{ type: 'tool_use', id: part.id, name: part.name, input: parseToolInput(part.arguments) }];
    default: {
      const exhaustive: never = part;
      throw new Error(`unreachable part ${String(exhaustive)}`);
    }
  }
}
