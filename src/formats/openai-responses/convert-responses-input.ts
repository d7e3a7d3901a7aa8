import type {
  AssistantContentPart,
  CanonicalMessage,
  ReasoningPart,
  RedactedReasoningPart,
  ToolResultPart,
} from '../../core/canonical.js';
import {
  convertAssistantContent,
  convertSystemContent,
  convertToolOutput,
  convertUserContent,
} from './convert-responses-content.js';
import { invalidField, parseWithSchema } from './parse-with-schema.js';
import {
  functionCallItemSchema,
  functionCallOutputItemSchema,
  messageItemSchema,
  reasoningItemSchema,
} from './responses-request-schema.js';

type AssistantMessage = Extract<CanonicalMessage, { role: 'assistant' }>;
type ToolMessage = Extract<CanonicalMessage, { role: 'tool' }>;

/** Items without a `type` but with a `role` are EasyInputMessages. */
function itemType(item: unknown, path: string): string {
  if (typeof item !== 'object' || item === null) throw invalidField(path, 'expected an input item object');
  if ('type' in item && typeof item.type === 'string') return item.type;
  if ('role' in item) return 'message';
  throw invalidField(`${path}.type`, 'expected an input item with a string type');
}

/**
 * One reasoning item ⇄ one canonical part. `encrypted_content` is kept as the signature (or as redacted data
 * when there is no readable text) so the item survives a round trip through the client unchanged.
 */
function toReasoningPart(
  value: unknown,
  path: string,
  warnings: string[],
): ReasoningPart | RedactedReasoningPart | undefined {
  const item = parseWithSchema(reasoningItemSchema, value, path);
  const summary = (item.summary ?? []).map((part) => part.text).join('\n\n');
  const text = summary || (item.content ?? []).map((part) => part.text).join('\n\n');
  const encrypted = item.encrypted_content ?? undefined;
  if (text) return { type: 'reasoning', text, ...(encrypted ? { signature: encrypted } : {}) };
  if (encrypted) return { type: 'redacted-reasoning', data: encrypted };
  // Without text or encrypted content the item only means something to OpenAI's own stored state.
  warnings.push(`${path}: reasoning item has neither summary nor encrypted_content; dropped`);
  return undefined;
}

/**
 * Responses `input` → canonical messages. Assistant-side items (messages, function_call, reasoning) that follow
 * each other form one assistant turn; consecutive function_call_output items form one tool message.
 */
export function convertResponsesInput(input: string | unknown[], warnings: string[]): CanonicalMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: [{ type: 'text', text: input }] }];

  const messages: CanonicalMessage[] = [];
  const toolNames = new Map<string, string>();

  const assistantParts = (): AssistantContentPart[] => {
    const last = messages.at(-1);
    if (last?.role === 'assistant') return last.content;
    const message: AssistantMessage = { role: 'assistant', content: [] };
    messages.push(message);
    return message.content;
  };
  const toolResults = (): ToolResultPart[] => {
    const last = messages.at(-1);
    if (last?.role === 'tool') return last.content;
    const message: ToolMessage = { role: 'tool', content: [] };
    messages.push(message);
    return message.content;
  };

  input.forEach((item, index) => {
    const path = `input[${index}]`;
    const type = itemType(item, path);
    if (type === 'message') {
      const message = parseWithSchema(messageItemSchema, item, path);
      const contentPath = `${path}.content`;
      if (message.role === 'user') {
        const content = convertUserContent(message.content, contentPath, warnings);
        if (content.length > 0) messages.push({ role: 'user', content });
      } else if (message.role === 'assistant') {
        const content = convertAssistantContent(message.content, contentPath);
        if (content.length > 0) assistantParts().push(...content);
      } else {
        const content = convertSystemContent(message.content, contentPath, warnings);
        if (content.length > 0) messages.push({ role: 'system', content });
      }
    } else if (type === 'function_call') {
      const call = parseWithSchema(functionCallItemSchema, item, path);
      toolNames.set(call.call_id, call.name);
      assistantParts().push({ type: 'tool-call', id: call.call_id, name: call.name, arguments: call.arguments });
    } else if (type === 'function_call_output') {
      const result = parseWithSchema(functionCallOutputItemSchema, item, path);
      const toolName = toolNames.get(result.call_id);
      toolResults().push({
        type: 'tool-result',
        toolCallId: result.call_id,
        ...(toolName ? { toolName } : {}),
        content: convertToolOutput(result.output, `${path}.output`, warnings),
      });
    } else if (type === 'reasoning') {
      const part = toReasoningPart(item, path, warnings);
      if (part) assistantParts().push(part);
    } else if (type === 'item_reference') {
      warnings.push(
        `${path}: item_reference points into OpenAI's stored state, which the gateway cannot read; dropped`,
      );
    } else {
      // Built-in tool calls and their outputs (web_search_call, computer_call, mcp_call, …) have no canonical form.
      warnings.push(`${path}: '${type}' items cannot be translated to another API; dropped`);
    }
  });
  return messages;
}
