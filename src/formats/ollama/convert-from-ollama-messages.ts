import type {
  AssistantContentPart,
  CanonicalMessage,
  Converted,
  ImagePart,
  TextPart,
  ToolResultPart,
} from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import { parseOllamaImage } from './detect-image-media-type.js';
import type { OllamaRequestMessage } from './ollama-request-schema.js';

interface PendingCall {
  id: string;
  name: string;
}

type OllamaToolCall = NonNullable<OllamaRequestMessage['tool_calls']>[number];

function toImageParts(images: OllamaRequestMessage['images']): ImagePart[] {
  return (images ?? []).map((image) => ({ type: 'image', source: { kind: 'base64', ...parseOllamaImage(image) } }));
}

/** Arguments are an object on Ollama's wire; canonical keeps the JSON text. */
function argumentsText(call: OllamaToolCall, param: string): string {
  const value = call.function.arguments;
  if (value === undefined || value === null) return '{}';
  if (typeof value !== 'string') return JSON.stringify(value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new GatewayError('invalid_request', `Invalid field '${param}': tool call arguments must be a JSON object`, {
      param,
    });
  }
  return value;
}

/**
 * Ollama messages → canonical messages. Ollama tool calls usually carry no ids, so each call gets a
 * request-unique `call_<n>` id and each tool message is linked to the oldest unanswered call of the latest
 * assistant turn with the same `tool_name` (or, without a name, simply the next unanswered call). An explicit
 * `id` / `tool_call_id` (sent by newer Ollama versions) wins when present.
 */
export function convertFromOllamaMessages(messages: OllamaRequestMessage[]): Converted<CanonicalMessage[]> {
  const warnings: string[] = [];
  const result: CanonicalMessage[] = [];
  const usedIds = new Set<string>();
  let counter = 0;
  let pending: PendingCall[] = [];

  const nextId = (): string => {
    let id = `call_${counter++}`;
    while (usedIds.has(id)) id = `call_${counter++}`;
    usedIds.add(id);
    return id;
  };

  const claimCall = (message: OllamaRequestMessage, messageIndex: number): PendingCall | undefined => {
    const byId = message.tool_call_id ? pending.findIndex((call) => call.id === message.tool_call_id) : -1;
    const byName = message.tool_name ? pending.findIndex((call) => call.name === message.tool_name) : -1;
    let index = byId >= 0 ? byId : byName;
    if (index < 0 && pending.length > 0) {
      // An unmatched name still answers the next open call: leaving that call unanswered would make strict
      // upstreams (OpenAI, Anthropic) reject the whole conversation.
      index = 0;
      if (message.tool_name) {
        warnings.push(
          `messages[${messageIndex}]: tool_name '${message.tool_name}' matches no open tool call; linked to '${pending[0]?.name}'`,
        );
      }
    }
    if (index < 0) return undefined;
    const [call] = pending.splice(index, 1);
    return call;
  };

  messages.forEach((message, messageIndex) => {
    const text = message.content ?? '';
    const role = message.role;
    switch (role) {
      case 'system': {
        if (message.images?.length) warnings.push(`messages[${messageIndex}]: images on a system message were dropped`);
        result.push({ role: 'system', content: [{ type: 'text', text }] });
        return;
      }
      case 'user': {
        const images = toImageParts(message.images);
        const content: Array<TextPart | ImagePart> = text !== '' || images.length === 0 ? [{ type: 'text', text }] : [];
        result.push({ role: 'user', content: [...content, ...images] });
        return;
      }
      case 'assistant': {
        if (message.images?.length) {
          warnings.push(`messages[${messageIndex}]: images on an assistant message were dropped`);
        }
        const content: AssistantContentPart[] = [];
        if (message.thinking) content.push({ type: 'reasoning', text: message.thinking });
        if (text !== '') content.push({ type: 'text', text });
        pending = [];
        (message.tool_calls ?? []).forEach((call, callIndex) => {
          const param = `messages[${messageIndex}].tool_calls[${callIndex}].function.arguments`;
          const id = call.id && !usedIds.has(call.id) ? call.id : nextId();
          usedIds.add(id);
          pending.push({ id, name: call.function.name });
          content.push({ type: 'tool-call', id, name: call.function.name, arguments: argumentsText(call, param) });
        });
        if (content.length === 0) content.push({ type: 'text', text: '' });
        result.push({ role: 'assistant', content });
        return;
      }
      case 'tool': {
        const call = claimCall(message, messageIndex);
        if (call === undefined) {
          warnings.push(
            `messages[${messageIndex}]: tool result matches no preceding tool call${
              message.tool_name ? ` named '${message.tool_name}'` : ''
            }; kept with a generated id`,
          );
        }
        const toolName = call?.name || message.tool_name;
        const images = toImageParts(message.images);
        const part: ToolResultPart = {
          type: 'tool-result',
          toolCallId: call?.id ?? message.tool_call_id ?? nextId(),
          ...(toolName ? { toolName } : {}),
          content: [...(text !== '' || images.length === 0 ? [{ type: 'text' as const, text }] : []), ...images],
        };
        const previous = result.at(-1);
        // Parallel calls are answered by consecutive tool messages; canonical groups them in one turn.
        if (previous?.role === 'tool') previous.content.push(part);
        else result.push({ role: 'tool', content: [part] });
        return;
      }
      default: {
        const unreachable: never = role;
        throw new Error(`Unhandled role ${String(unreachable)}`);
      }
    }
  });

  return { value: result, warnings };
}
