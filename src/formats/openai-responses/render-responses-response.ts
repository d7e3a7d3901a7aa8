import type { AssistantContentPart, CanonicalResponse } from '../../core/canonical.js';
import type { ResponseContext } from '../../core/codec.js';
import { buildResponseObject, itemId, outcomeFor, outputTextPart, toResponseId } from './build-response-object.js';
import type { WireOutputItem, WireResponse } from './responses-wire-types.js';

/** Empty arguments would make clients' JSON.parse fail; a call without arguments is `{}`. */
export function completeArguments(text: string): string {
  return text === '' ? '{}' : text;
}

/**
 * Canonical assistant parts → output items. Consecutive text parts share one message item; reasoning keeps its
 * signature (or redacted data) as `encrypted_content` so the client can send it back unchanged.
 * A Gemini thought signature on a tool call has no Responses field and is dropped.
 */
function toOutputItems(content: AssistantContentPart[], responseId: string): WireOutputItem[] {
  const output: WireOutputItem[] = [];
  for (const part of content) {
    const index = output.length;
    switch (part.type) {
      case 'text': {
        const last = output.at(-1);
        const text = outputTextPart(part.text);
        if (last?.type === 'message') last.content.push(text);
        else {
          const id = itemId('msg', responseId, index);
          output.push({ id, type: 'message', status: 'completed', content: [text], role: 'assistant' });
        }
        break;
      }
      case 'reasoning':
        output.push({
          id: itemId('rs', responseId, index),
          type: 'reasoning',
          summary: part.text ? [{ type: 'summary_text', text: part.text }] : [],
          ...(part.signature ? { encrypted_content: part.signature } : {}),
        });
        break;
      case 'redacted-reasoning':
        output.push({
          id: itemId('rs', responseId, index),
          type: 'reasoning',
          summary: [],
          encrypted_content: part.data,
        });
        break;
      case 'tool-call':
        output.push({
          id: itemId('fc', responseId, index),
          type: 'function_call',
          status: 'completed',
          arguments: completeArguments(part.arguments),
          call_id: part.id,
          name: part.name,
        });
        break;
      default: {
        const unreachable: never = part;
        return unreachable;
      }
    }
  }
  return output;
}

/** Canonical answer → `Response` JSON (non-streaming `POST /responses`). */
export function renderResponsesResponse(response: CanonicalResponse, context: ResponseContext): WireResponse {
  const id = toResponseId(response.id || context.id);
  return buildResponseObject({
    id,
    model: context.model,
    createdAt: response.created ?? context.created,
    outcome: outcomeFor(response.finishReason),
    output: toOutputItems(response.content, id),
    usage: response.usage ?? { inputTokens: 0, outputTokens: 0 },
  });
}
