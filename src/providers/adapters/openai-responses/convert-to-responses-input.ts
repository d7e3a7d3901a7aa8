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

/**
 * Canonical messages → Responses `instructions` + `input`. Leading system messages become `instructions`;
 * later ones become developer messages. Cache-control marks are dropped: OpenAI caches prompts automatically.
 */
export function convertToResponsesInput(messages: CanonicalMessage[]): Converted<ResponsesInput> {
  const leading = messages.findIndex((message) => message.role !== 'system');
  const systemCount = leading === -1 ? messages.length : leading;
  const instructions = messages
    .slice(0, systemCount)
    .map((message) => (message.role === 'system' ? textOf(message.content) : ''))
    .join('\n\n');
  const answered = answeredCallIds(messages);
  const input: InputItem[] = [];
  const dropped = { reasoning: 0, calls: 0, results: 0 };

  const pushAssistantPart = (part: AssistantContentPart, message: { open?: InputItem }) => {
    switch (part.type) {
      case 'text': {
        const open = message.open;
        if (open?.type === 'message' && open.role === 'assistant')
          open.content.push({ type: 'output_text', text: part.text });
        else {
          message.open = { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: part.text }] };
          input.push(message.open);
        }
        return;
      }
      case 'reasoning':
      case 'redacted-reasoning': {
        const encrypted = part.type === 'reasoning' ? part.signature : part.data;
        if (encrypted === undefined || !isOpenAIEncryptedReasoning(encrypted)) dropped.reasoning++;
        else {
          const summary =
            part.type === 'reasoning' && part.text ? [{ type: 'summary_text' as const, text: part.text }] : [];
          input.push({ type: 'reasoning', summary, encrypted_content: encrypted });
        }
        break;
      }
      case 'tool-call':
        if (!answered.has(part.id)) dropped.calls++;
        else
          input.push({ type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments || '{}' });
        break;
      default: {
        const unreachable: never = part;
        return unreachable;
      }
    }
    message.open = undefined;
  };

  for (const message of messages.slice(systemCount)) {
    switch (message.role) {
      case 'system':
        input.push({
          type: 'message',
          role: 'developer',
          content: [{ type: 'input_text', text: textOf(message.content) }],
        });
        break;
      case 'user':
        if (message.content.length > 0)
          input.push({ type: 'message', role: 'user', content: message.content.map(toUserContent) });
        break;
      case 'assistant': {
        const state: { open?: InputItem } = {};
        for (const part of message.content) pushAssistantPart(part, state);
        break;
      }
      case 'tool':
        for (const part of message.content) {
          if (!answered.has(part.toolCallId)) dropped.results++;
          // `isError` has no field here; the result text itself tells the model what went wrong.
          else
            input.push({ type: 'function_call_output', call_id: part.toolCallId, output: toToolOutput(part.content) });
        }
        break;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  const warnings: string[] = [];
  if (dropped.reasoning > 0) {
    warnings.push(`${dropped.reasoning} reasoning part(s) without OpenAI encrypted content were dropped`);
  }
  if (dropped.calls > 0) warnings.push(`${dropped.calls} tool call(s) without a result were dropped`);
  if (dropped.results > 0) warnings.push(`${dropped.results} tool result(s) without a matching call were dropped`);
  return {
    value: {
      ...(instructions ? { instructions } : {}),
      input,
      replaysReasoning: input.some((item) => item.type === 'reasoning'),
    },
    warnings,
  };
}
