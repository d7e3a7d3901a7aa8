import type {
  AssistantContentPart,
  CanonicalMessage,
  Converted,
  FilePart,
  ImagePart,
  MediaSource,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../../core/canonical.js';

export type OpenaiWireContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: 'file'; file: { filename: string; file_data: string } };

export type OpenaiWireMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenaiWireContentPart[] }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
      reasoning_content?: string;
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ConvertMessagesOptions {
  /** Send assistant reasoning back as `reasoning_content` (see OpenaiAdapterOptions). */
  sendReasoningContent: boolean;
}

/**
 * Text-only content is sent as one string, blocks joined as paragraphs: DeepSeek and several other
 * OpenAI-compatible servers reject content arrays, and every server accepts strings.
 */
const blockSeparator = '\n\n';

/**
 * Canonical messages → OpenAI chat messages. OpenAI requires each assistant tool call to be answered by a tool
 * message right after it, so results are placed directly after their call (wherever the canonical conversation
 * had them); a call with no result and a result with no call are dropped with a warning. Tool messages carry
 * text only: images returned by a tool follow in a user message. Cache marks, reasoning signatures, redacted
 * reasoning and Gemini call signatures have no field here and are dropped without warning (expected losses).
 */
export function convertToOpenaiChatMessages(
  messages: CanonicalMessage[],
  options: ConvertMessagesOptions,
): Converted<OpenaiWireMessage[]> {
  const warnings: string[] = [];
  const results = new Map<string, ToolResultPart>();
  const callIds = new Set<string>();
  for (const message of messages) {
    if (message.role === 'tool')
      for (const result of message.content) if (!results.has(result.toolCallId)) results.set(result.toolCallId, result);
    if (message.role === 'assistant')
      for (const part of message.content) if (part.type === 'tool-call') callIds.add(part.id);
  }

  const output: OpenaiWireMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const text = joinText(message.content);
        if (text !== '') output.push({ role: 'system', content: text });
        break;
      }
      case 'user': {
        const content = convertUserContent(message.content, warnings);
        if (content.length > 0) output.push({ role: 'user', content });
        break;
      }
      case 'assistant':
        output.push(...convertAssistantTurn(message.content, results, options, warnings));
        break;
      case 'tool':
        for (const result of message.content) {
          if (!callIds.has(result.toolCallId)) {
            warnings.push(`Dropped the result of tool call ${result.toolCallId}: no assistant tool call has that id`);
          }
        }
        break;
      default: {
        const unexpected: never = message;
        throw new Error(`Unexpected message: ${JSON.stringify(unexpected)}`);
      }
    }
  }
  return { value: output, warnings };
}

function joinText(parts: TextPart[]): string {
  return parts.map((part) => part.text).join(blockSeparator);
}

function mediaUrl(source: MediaSource): string {
  return source.kind === 'base64' ? `data:${source.mediaType};base64,${source.data}` : source.url;
}

function convertImage(part: ImagePart): OpenaiWireContentPart {
  const imageUrl: { url: string; detail?: 'auto' | 'low' | 'high' } = { url: mediaUrl(part.source) };
  if (part.detail !== undefined) imageUrl.detail = part.detail;
  return { type: 'image_url', image_url: imageUrl };
}

function convertFile(part: FilePart, warnings: string[]): OpenaiWireContentPart | undefined {
  const { source } = part;
  if (source.kind === 'url') {
    if (source.mediaType?.startsWith('image/')) return { type: 'image_url', image_url: { url: source.url } };
    // OpenAI chat takes files only as inline data; fetching them here would be I/O in a pure converter.
    warnings.push(`Dropped a file given by URL (${source.url}): OpenAI chat accepts files only as inline data`);
    return undefined;
  }
  if (source.mediaType.startsWith('image/')) return { type: 'image_url', image_url: { url: mediaUrl(source) } };
  // OpenAI requires a filename with file_data.
  const filename = part.filename ?? `file.${source.mediaType.split('/')[1]?.split('+')[0] ?? 'bin'}`;
  return { type: 'file', file: { filename, file_data: mediaUrl(source) } };
}

function convertUserContent(parts: UserContentPart[], warnings: string[]): string | OpenaiWireContentPart[] {
  if (parts.every((part) => part.type === 'text')) return joinText(parts as TextPart[]);
  const content: OpenaiWireContentPart[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        content.push({ type: 'text', text: part.text });
        break;
      case 'image':
        content.push(convertImage(part));
        break;
      case 'file': {
        const file = convertFile(part, warnings);
        if (file !== undefined) content.push(file);
        break;
      }
      default: {
        const unexpected: never = part;
        throw new Error(`Unexpected user part: ${JSON.stringify(unexpected)}`);
      }
    }
  }
  return content;
}

function convertAssistantTurn(
  parts: AssistantContentPart[],
  results: Map<string, ToolResultPart>,
  options: ConvertMessagesOptions,
  warnings: string[],
): OpenaiWireMessage[] {
  const texts: string[] = [];
  const reasoning: string[] = [];
  const calls: NonNullable<Extract<OpenaiWireMessage, { role: 'assistant' }>['tool_calls']> = [];
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        texts.push(part.text);
        break;
      case 'reasoning':
        reasoning.push(part.text);
        break;
      case 'redacted-reasoning':
        break;
      case 'tool-call':
        if (results.has(part.id)) {
          calls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
        } else {
          warnings.push(`Dropped tool call ${part.id} (${part.name}): no tool result answers it`);
        }
        break;
      default: {
        const unexpected: never = part;
        throw new Error(`Unexpected assistant part: ${JSON.stringify(unexpected)}`);
      }
    }
  }
  const text = texts.join(blockSeparator);
  const reasoningText = reasoning.join(blockSeparator);
  if (text === '' && calls.length === 0) return [];
  const message: Extract<OpenaiWireMessage, { role: 'assistant' }> = {
    role: 'assistant',
    content: text === '' ? null : text,
  };
  if (calls.length > 0) message.tool_calls = calls;
  if (options.sendReasoningContent && reasoningText !== '') message.reasoning_content = reasoningText;
  return [
    message,
    ...convertToolResults(
      calls.map((call) => results.get(call.id)!),
      warnings,
    ),
  ];
}

function convertToolResults(results: ToolResultPart[], warnings: string[]): OpenaiWireMessage[] {
  const images: OpenaiWireContentPart[] = [];
  const messages: OpenaiWireMessage[] = results.map((result) => {
    const texts: string[] = [];
    for (const part of result.content) {
      if (part.type === 'text') texts.push(part.text);
      else images.push(convertImage(part));
    }
    return { role: 'tool', tool_call_id: result.toolCallId, content: texts.join(blockSeparator) };
  });
  if (images.length === 0) return messages;
  warnings.push('Images returned by tools were moved into a user message: OpenAI tool messages carry text only');
  return [...messages, { role: 'user', content: images }];
}
