import type {
  AssistantContentPart,
  CanonicalMessage,
  Converted,
  ImagePart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserContentPart,
} from '../../core/canonical.js';
import {
  invalidField,
  type JsonObject,
  omitUndefined,
  readArray,
  readString,
  requireRecord,
  requireString,
} from './field-readers.js';
import { parseFilePart, parseImagePart, parseTextPart } from './parse-openai-content-part.js';

/** State shared across messages: tool names by call id, and ids for legacy `function_call`s (which have none). */
interface MessageContext {
  toolNames: Map<string, string>;
  pendingLegacyCalls: Map<string, string[]>;
  warnings: Set<string>;
}

/**
 * OpenAI chat messages → canonical messages. `system` and `developer` both become canonical system messages
 * (developer is the o1+ name for the same thing). Consecutive tool messages merge into one canonical tool turn.
 * Empty text is dropped, and so is a message left with no content.
 */
export function parseOpenaiMessages(value: unknown): Converted<CanonicalMessage[]> {
  const list = readArray(value, 'messages');
  if (list === undefined || list.length === 0) throw invalidField('messages', 'messages must be a non-empty array');
  const context: MessageContext = { toolNames: new Map(), pendingLegacyCalls: new Map(), warnings: new Set() };
  const messages: CanonicalMessage[] = [];
  list.forEach((item, index) => {
    const message = parseMessage(requireRecord(item, `messages[${index}]`), `messages[${index}]`, index, context);
    if (message === undefined || message.content.length === 0) return;
    const previous = messages.at(-1);
    if (message.role === 'tool' && previous?.role === 'tool') {
      previous.content.push(...message.content);
      return;
    }
    messages.push(message);
  });
  return { value: messages, warnings: [...context.warnings] };
}

function parseMessage(
  message: JsonObject,
  param: string,
  index: number,
  context: MessageContext,
): CanonicalMessage | undefined {
  const role = requireString(message.role, `${param}.role`);
  // On tool and function messages `name` is the function's name, which the result keeps.
  if (typeof message.name === 'string' && role !== 'function' && role !== 'tool') {
    context.warnings.add('messages[].name (participant name) is not supported and was dropped');
  }
  switch (role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: parseTextContent(message.content, `${param}.content`) };
    case 'user':
      return { role: 'user', content: parseUserContent(message.content, `${param}.content`) };
    case 'assistant':
      return { role: 'assistant', content: parseAssistantContent(message, param, index, context) };
    case 'tool':
      return { role: 'tool', content: [parseToolMessage(message, param, context)] };
    case 'function':
      return { role: 'tool', content: [parseLegacyFunctionMessage(message, param, index, context)] };
    default:
      throw invalidField(
        `${param}.role`,
        `${param}.role must be one of system, developer, user, assistant, tool, function (got "${role}")`,
      );
  }
}

function contentParts(content: unknown, param: string): JsonObject[] | string {
  if (typeof content === 'string') return content;
  const parts = readArray(content, param);
  if (parts === undefined) return [];
  return parts.map((part, index) => requireRecord(part, `${param}[${index}]`));
}

function nonEmptyText(text: string): TextPart[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

function parseTextContent(content: unknown, param: string): TextPart[] {
  const parts = contentParts(content, param);
  if (typeof parts === 'string') return nonEmptyText(parts);
  return parts.map((part, index) => {
    const partParam = `${param}[${index}]`;
    if (part.type !== 'text') throw invalidField(`${partParam}.type`, `${partParam}.type must be "text" here`);
    return parseTextPart(part, partParam);
  });
}

function parseUserContent(content: unknown, param: string): UserContentPart[] {
  const parts = contentParts(content, param);
  if (typeof parts === 'string') return nonEmptyText(parts);
  return parts.map((part, index) => {
    const partParam = `${param}[${index}]`;
    const type = requireString(part.type, `${partParam}.type`);
    switch (type) {
      case 'text':
        return parseTextPart(part, partParam);
      case 'image_url':
        return parseImagePart(part, partParam);
      case 'file':
        return parseFilePart(part, partParam);
      case 'input_audio':
        throw invalidField(partParam, 'input_audio content is not supported by the gateway');
      default:
        throw invalidField(`${partParam}.type`, `${partParam}.type "${type}" is not supported`);
    }
  });
}

function parseAssistantContent(
  message: JsonObject,
  param: string,
  index: number,
  context: MessageContext,
): AssistantContentPart[] {
  const content: AssistantContentPart[] = [];
  // DeepSeek, Qwen, Kimi and GLM send `reasoning_content`; OpenRouter, Groq and vLLM send `reasoning`.
  const reasoning =
    readString(message.reasoning_content, `${param}.reasoning_content`) ?? stringOrUndefined(message.reasoning);
  if (reasoning !== undefined && reasoning !== '') content.push({ type: 'reasoning', text: reasoning });

  const parts = contentParts(message.content, `${param}.content`);
  if (typeof parts === 'string') content.push(...nonEmptyText(parts));
  else
    parts.forEach((part, partIndex) => {
      const partParam = `${param}.content[${partIndex}]`;
      if (part.type === 'refusal') content.push(...nonEmptyText(requireString(part.refusal, `${partParam}.refusal`)));
      else if (part.type === 'text') content.push(parseTextPart(part, partParam));
      else throw invalidField(`${partParam}.type`, `${partParam}.type must be "text" or "refusal"`);
    });
  // A refusal is what the assistant said; keep it as text so the conversation reads the same.
  const refusal = readString(message.refusal, `${param}.refusal`);
  if (refusal !== undefined) content.push(...nonEmptyText(refusal));

  const toolCalls = readArray(message.tool_calls, `${param}.tool_calls`) ?? [];
  toolCalls.forEach((item, callIndex) => {
    const call = parseToolCall(
      requireRecord(item, `${param}.tool_calls[${callIndex}]`),
      `${param}.tool_calls[${callIndex}]`,
    );
    context.toolNames.set(call.id, call.name);
    content.push(call);
  });

  if (message.function_call !== undefined && message.function_call !== null) {
    const functionCall = requireRecord(message.function_call, `${param}.function_call`);
    const name = requireString(functionCall.name, `${param}.function_call.name`);
    const id = `call_legacy_${index}`;
    context.pendingLegacyCalls.set(name, [...(context.pendingLegacyCalls.get(name) ?? []), id]);
    context.toolNames.set(id, name);
    content.push({
      type: 'tool-call',
      id,
      name,
      arguments: readArguments(functionCall.arguments, `${param}.function_call.arguments`),
    });
  }
  return content;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseToolCall(call: JsonObject, param: string): ToolCallPart {
  const type = readString(call.type, `${param}.type`) ?? 'function';
  if (type !== 'function') {
    throw invalidField(`${param}.type`, `${param}.type "${type}" is not supported: only function tool calls are`);
  }
  const id = requireString(call.id, `${param}.id`);
  const fn = requireRecord(call.function, `${param}.function`);
  const name = requireString(fn.name, `${param}.function.name`);
  return { type: 'tool-call', id, name, arguments: readArguments(fn.arguments, `${param}.function.arguments`) };
}

/** Arguments are a JSON text; a few clients send the object itself, which we serialize back. */
function readArguments(value: unknown, param: string): string {
  if (value === undefined || value === null || value === '') return '{}';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  throw invalidField(param, `${param} must be a JSON string`);
}

function parseToolResultContent(content: unknown, param: string): Array<TextPart | ImagePart> {
  const parts = contentParts(content, param);
  if (typeof parts === 'string') return nonEmptyText(parts);
  return parts.map((part, index) => {
    const partParam = `${param}[${index}]`;
    if (part.type === 'text') return parseTextPart(part, partParam);
    if (part.type === 'image_url') return parseImagePart(part, partParam);
    throw invalidField(`${partParam}.type`, `${partParam}.type must be "text" or "image_url"`);
  });
}

function parseToolMessage(message: JsonObject, param: string, context: MessageContext): ToolResultPart {
  const toolCallId = requireString(message.tool_call_id, `${param}.tool_call_id`);
  return omitUndefined({
    type: 'tool-result' as const,
    toolCallId,
    toolName: context.toolNames.get(toolCallId) ?? stringOrUndefined(message.name),
    content: parseToolResultContent(message.content, `${param}.content`),
  });
}

/** Legacy `function` messages answer the oldest unanswered `function_call` with the same name. */
function parseLegacyFunctionMessage(
  message: JsonObject,
  param: string,
  index: number,
  context: MessageContext,
): ToolResultPart {
  const name = requireString(message.name, `${param}.name`);
  const toolCallId = context.pendingLegacyCalls.get(name)?.shift() ?? `call_legacy_${index}`;
  return {
    type: 'tool-result',
    toolCallId,
    toolName: name,
    content: nonEmptyText(readString(message.content, `${param}.content`) ?? ''),
  };
}
