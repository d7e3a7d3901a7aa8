import type {
  AssistantContentPart,
  CanonicalMessage,
  Converted,
  ImagePart,
  MediaSource,
  TextPart,
  UserContentPart,
} from '../../../core/canonical.js';
import type { InputContent, InputItem, ToolOutputContent } from './responses-input-types.js';

/**
 * OpenAI's `encrypted_content` is a Fernet token: version byte 0x80 followed by a timestamp, so base64 `gAAAAA`.
 * Anthropic and Gemini signatures are not, and OpenAI rejects them ("could not be decrypted"), so reasoning
 * from another provider is dropped instead of failing the whole request.
 */
export function isOpenAIEncryptedReasoning(value: string): boolean {
  return value.startsWith('gAAAAA');
}

function toUrl(source: MediaSource): string {
  return source.kind === 'base64' ? `data:${source.mediaType};base64,${source.data}` : source.url;
}

/** The API needs a filename with `file_data`; synthesize one from the media type when the client gave none. */
function fallbackFilename(mediaType: string): string {
  const subtype = mediaType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `file.${subtype}`;
}

function toImageContent(part: ImagePart): Extract<InputContent, { type: 'input_image' }> {
  return { type: 'input_image', image_url: toUrl(part.source), ...(part.detail ? { detail: part.detail } : {}) };
}

function toUserContent(part: UserContentPart): InputContent {
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'image':
      return toImageContent(part);
    case 'file':
      if (part.source.kind === 'url') {
        return { type: 'input_file', file_url: part.source.url, ...(part.filename ? { filename: part.filename } : {}) };
      }
      return {
        type: 'input_file',
        file_data: toUrl(part.source),
        filename: part.filename ?? fallbackFilename(part.source.mediaType),
      };
    default: {
      const unreachable: never = part;
      return unreachable;
    }
  }
}

function toToolOutput(content: Array<TextPart | ImagePart>): string | ToolOutputContent[] {
  const only = content[0];
  if (content.length === 0) return '';
  if (content.length === 1 && only?.type === 'text') return only.text;
  return content.map((part) => (part.type === 'text' ? { type: 'input_text', text: part.text } : toImageContent(part)));
}

function textOf(parts: TextPart[]): string {
  return parts.map((part) => part.text).join('\n\n');
}

/** Tool calls and results that have no partner: OpenAI rejects both ("No tool output found for function call"). */
function answeredCallIds(messages: CanonicalMessage[]): Set<string> {
  const called = new Set<string>();
  const answered = new Set<string>();
  for (const message of messages) {
    if (message.role === 'assistant') {
      for (const part of message.content) if (part.type === 'tool-call') called.add(part.id);
    } else if (message.role === 'tool') {
      for (const part of message.content) if (called.has(part.toolCallId)) answered.add(part.toolCallId);
    }
  }
  return answered;
}

export interface ResponsesInput {
  instructions?: string;
  input: InputItem[];
  /** Whether OpenAI reasoning items are replayed (then their encrypted content must be requested back). */
  replaysReasoning: boolean;
}

interface Dropped {
  reasoning: number;
  calls: number;
  results: number;
}

/** One assistant turn → items in their original order; consecutive text parts share one message item. */
function convertAssistantContent(
  content: AssistantContentPart[],
  answered: Set<string>,
  dropped: Dropped,
): InputItem[] {
  const items: InputItem[] = [];
  let message: Extract<InputItem, { role: 'assistant' }> | undefined;
  for (const part of content) {
    if (part.type === 'text') {
      if (!message) {
        message = { type: 'message', role: 'assistant', content: [] };
        items.push(message);
      }
      message.content.push({ type: 'output_text', text: part.text });
      continue;
    }
    message = undefined;
    switch (part.type) {
      case 'reasoning':
      case 'redacted-reasoning': {
        const encrypted = part.type === 'reasoning' ? part.signature : part.data;
        if (encrypted === undefined || !isOpenAIEncryptedReasoning(encrypted)) {
          dropped.reasoning++;
          break;
        }
        const text = part.type === 'reasoning' ? part.text : '';
        const summary = text ? [{ type: 'summary_text' as const, text }] : [];
        items.push({ type: 'reasoning', summary, encrypted_content: encrypted });
        break;
      }
      case 'tool-call':
        if (answered.has(part.id)) {
          items.push({ type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments || '{}' });
        } else {
          dropped.calls++;
        }
        break;
      default: {
        const unreachable: never = part;
        return unreachable;
      }
    }
  }
  return items;
}

function convertMessage(message: CanonicalMessage, answered: Set<string>, dropped: Dropped): InputItem[] {
  switch (message.role) {
    case 'system':
      return [{ type: 'message', role: 'developer', content: [{ type: 'input_text', text: textOf(message.content) }] }];
    case 'user':
      return message.content.length === 0
        ? []
        : [{ type: 'message', role: 'user', content: message.content.map(toUserContent) }];
    case 'assistant':
      return convertAssistantContent(message.content, answered, dropped);
    case 'tool':
      // `isError` has no field here; the result text itself tells the model what went wrong.
      return message.content.flatMap((part): InputItem[] => {
        if (answered.has(part.toolCallId)) {
          return [{ type: 'function_call_output', call_id: part.toolCallId, output: toToolOutput(part.content) }];
        }
        dropped.results++;
        return [];
      });
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
}

function droppedWarnings(dropped: Dropped): string[] {
  const warnings: string[] = [];
  if (dropped.reasoning > 0) {
    warnings.push(`${dropped.reasoning} reasoning part(s) without OpenAI encrypted content were dropped`);
  }
  if (dropped.calls > 0) warnings.push(`${dropped.calls} tool call(s) without a result were dropped`);
  if (dropped.results > 0) warnings.push(`${dropped.results} tool result(s) without a matching call were dropped`);
  return warnings;
}

/**
 * Canonical messages → Responses `instructions` + `input`. Leading system messages become `instructions`;
 * later ones become developer messages. Cache-control marks are dropped: OpenAI caches prompts automatically.
 */
export function convertToResponsesInput(messages: CanonicalMessage[]): Converted<ResponsesInput> {
  const firstNonSystem = messages.findIndex((message) => message.role !== 'system');
  const systemCount = firstNonSystem === -1 ? messages.length : firstNonSystem;
  const instructions = messages
    .slice(0, systemCount)
    .map((message) => (message.role === 'system' ? textOf(message.content) : ''))
    .join('\n\n');
  const answered = answeredCallIds(messages);
  const dropped: Dropped = { reasoning: 0, calls: 0, results: 0 };
  const input = messages.slice(systemCount).flatMap((message) => convertMessage(message, answered, dropped));
  return {
    value: {
      ...(instructions ? { instructions } : {}),
      input,
      replaysReasoning: input.some((item) => item.type === 'reasoning'),
    },
    warnings: droppedWarnings(dropped),
  };
}
