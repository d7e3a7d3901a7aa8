import type {
  AssistantContentPart,
  CanonicalMessage,
  Converted,
  FilePart,
  ImagePart,
  MediaSource,
  TextPart,
} from '../../../core/canonical.js';
import type { OllamaMessage, OllamaToolCall } from './ollama-wire-types.js';
import { toolArgumentsToObject } from './tool-arguments-to-object.js';

/** Ollama takes images only as bare base64: data URLs are unwrapped, http(s) URLs cannot be sent. */
function toBase64Image(source: MediaSource): string | undefined {
  if (source.kind === 'base64') return source.data;
  const match = /^data:[^;,]*;base64,(.*)$/s.exec(source.url);
  return match?.[1];
}

function mediaTypeOf(source: MediaSource): string | undefined {
  if (source.kind === 'base64') return source.mediaType;
  return source.mediaType ?? /^data:([^;,]+)/.exec(source.url)?.[1];
}

interface Collected {
  text: string[];
  images: string[];
}

/** Gathers user-side parts (user messages and tool results) into Ollama's text + images shape. */
function collectParts(parts: Array<TextPart | ImagePart | FilePart>, where: string, warnings: string[]): Collected {
  const collected: Collected = { text: [], images: [] };
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        collected.text.push(part.text);
        break;
      case 'image': {
        const image = toBase64Image(part.source);
        if (image === undefined) warnings.push(`${where}: image URLs cannot be sent to Ollama; the image was dropped`);
        else collected.images.push(image);
        break;
      }
      case 'file': {
        const mediaType = mediaTypeOf(part.source) ?? '';
        const data = toBase64Image(part.source);
        if (data !== undefined && mediaType.startsWith('image/')) collected.images.push(data);
        else if (data !== undefined && mediaType.startsWith('text/')) {
          // Ollama has no file input; a text file still reaches the model as plain text.
          collected.text.push(Buffer.from(data, 'base64').toString('utf8'));
        } else {
          warnings.push(
            `${where}: Ollama cannot take ${mediaType || 'this'} file${part.filename ? ` '${part.filename}'` : ''}; it was dropped`,
          );
        }
        break;
      }
      default: {
        const unreachable: never = part;
        throw new Error(`Unhandled part ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return collected;
}

function toAssistantMessage(content: AssistantContentPart[], where: string, warnings: string[]): OllamaMessage {
  let text = '';
  let thinking = '';
  const toolCalls: OllamaToolCall[] = [];
  for (const part of content) {
    switch (part.type) {
      case 'text':
        text += part.text;
        break;
      case 'reasoning':
        // Signatures only mean something to the provider that issued them.
        thinking += part.text;
        break;
      case 'redacted-reasoning':
        warnings.push(`${where}: redacted reasoning cannot be sent to Ollama and was dropped`);
        break;
      case 'tool-call': {
        const args = toolArgumentsToObject(part.arguments);
        if (!args.valid) warnings.push(`${where}: tool call '${part.name}' had invalid JSON arguments; sent {}`);
        toolCalls.push({ function: { index: toolCalls.length, name: part.name, arguments: args.value } });
        break;
      }
      default: {
        const unreachable: never = part;
        throw new Error(`Unhandled part ${JSON.stringify(unreachable)}`);
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

/**
 * Canonical messages → Ollama messages. System messages stay inline (Ollama accepts them anywhere). Each
 * tool result becomes its own `tool` message carrying `tool_name` (from the result or the call it answers),
 * since Ollama links results to calls by name and order, not id. Results answering no earlier call are
 * dropped; unanswered calls are kept, as Ollama does not require every call to be answered.
 */
export function convertToOllamaMessages(messages: CanonicalMessage[]): Converted<OllamaMessage[]> {
  const warnings: string[] = [];
  const result: OllamaMessage[] = [];
  const callNames = new Map<string, string>();

  messages.forEach((message, messageIndex) => {
    const where = `messages[${messageIndex}]`;
    const role = message.role;
    switch (role) {
      case 'system':
        result.push({ role: 'system', content: message.content.map((part) => part.text).join('\n') });
        return;
      case 'user': {
        const { text, images } = collectParts(message.content, where, warnings);
        result.push({ role: 'user', content: text.join('\n'), ...(images.length > 0 ? { images } : {}) });
        return;
      }
      case 'assistant': {
        for (const part of message.content) if (part.type === 'tool-call') callNames.set(part.id, part.name);
        result.push(toAssistantMessage(message.content, where, warnings));
        return;
      }
      case 'tool': {
        for (const part of message.content) {
          const callName = callNames.get(part.toolCallId);
          if (callName === undefined) {
            warnings.push(`${where}: tool result for unknown call '${part.toolCallId}' was dropped`);
            continue;
          }
          if (part.isError) warnings.push(`${where}: Ollama has no error flag for tool results; sent as plain content`);
          const { text, images } = collectParts(part.content, where, warnings);
          result.push({
            role: 'tool',
            content: text.join('\n'),
            ...(images.length > 0 ? { images } : {}),
            tool_name: part.toolName ?? callName,
          });
        }
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
