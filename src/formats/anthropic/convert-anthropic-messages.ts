import type { AssistantContentPart, CanonicalMessage, Converted, TextPart } from '../../core/canonical.js';
import {
  type AnthropicMessageParam,
  type AnthropicTextBlockParam,
  redactedThinkingBlockSchema,
  textBlockSchema,
  thinkingBlockSchema,
  toolUseBlockSchema,
} from './anthropic-request-schema.js';
import { convertAnthropicUserContent } from './convert-anthropic-user-content.js';
import { toCanonicalCacheControl } from './to-canonical-cache-control.js';
import { type FieldPath, invalidField, validateAnthropicField } from './validate-anthropic-field.js';

interface ConvertAnthropicMessagesInput {
  system: string | AnthropicTextBlockParam[] | null | undefined;
  messages: AnthropicMessageParam[];
}

/**
 * The top-level `system` and the `messages` list → canonical messages. The top-level system prompt becomes one
 * leading system message whose text parts keep their cache marks; `role: 'system'` turns inside `messages`
 * (mid-conversation system messages of newer API versions) stay where they are.
 */
export function convertAnthropicMessages({
  system,
  messages,
}: ConvertAnthropicMessagesInput): Converted<CanonicalMessage[]> {
  const warnings: string[] = [];
  const result: CanonicalMessage[] = [];
  const toolNames = new Map<string, string>();

  if (typeof system === 'string') {
    if (system !== '') result.push({ role: 'system', content: [{ type: 'text', text: system }] });
  } else if (system !== null && system !== undefined && system.length > 0) {
    result.push({ role: 'system', content: system.map(toTextPart) });
  }

  messages.forEach((message, index) => {
    const path: FieldPath = ['messages', index, 'content'];
    const { content } = message;
    switch (message.role) {
      case 'system': {
        const parts =
          typeof content === 'string' ? [{ type: 'text' as const, text: content }] : systemBlocks(content, path);
        result.push({ role: 'system', content: parts });
        return;
      }
      case 'user': {
        if (typeof content === 'string') {
          result.push({ role: 'user', content: [{ type: 'text', text: content }] });
          return;
        }
        if (content.length === 0) {
          warnings.push(`messages[${index}] had no content and was skipped`);
          return;
        }
        const converted = convertAnthropicUserContent({ blocks: content, path, toolNames });
        warnings.push(...converted.warnings);
        result.push(...converted.value);
        return;
      }
      case 'assistant': {
        const converted =
          typeof content === 'string'
            ? { value: content === '' ? [] : [{ type: 'text' as const, text: content }], warnings: [] }
            : convertAssistantBlocks(content, path, toolNames);
        warnings.push(...converted.warnings);
        if (converted.value.length > 0) result.push({ role: 'assistant', content: converted.value });
        return;
      }
      default: {
        const exhaustive: never = message.role;
        throw new Error(`unreachable role ${String(exhaustive)}`);
      }
    }
  });
  return { value: result, warnings };
}

function toTextPart(block: AnthropicTextBlockParam): TextPart {
  const part: TextPart = { type: 'text', text: block.text };
  const cacheControl = toCanonicalCacheControl(block.cache_control);
  if (cacheControl !== undefined) part.cacheControl = cacheControl;
  return part;
}

function systemBlocks(blocks: ReadonlyArray<{ type: string }>, path: FieldPath): TextPart[] {
  return blocks.map((block, index) => {
    const at = [...path, index];
    if (block.type !== 'text') throw invalidField([...at, 'type'], 'system messages may only contain text blocks');
    return toTextPart(validateAnthropicField(textBlockSchema, block, at));
  });
}

function convertAssistantBlocks(
  blocks: ReadonlyArray<{ type: string }>,
  path: FieldPath,
  toolNames: Map<string, string>,
): Converted<AssistantContentPart[]> {
  const warnings: string[] = [];
  const parts: AssistantContentPart[] = [];
  blocks.forEach((block, index) => {
    const at = [...path, index];
    switch (block.type) {
      case 'text':
        parts.push(toTextPart(validateAnthropicField(textBlockSchema, block, at)));
        return;
      case 'thinking': {
        const thinking = validateAnthropicField(thinkingBlockSchema, block, at);
        // An empty signature is what our own encoder emits for unsigned reasoning from other upstreams.
        const signature = thinking.signature === '' ? undefined : (thinking.signature ?? undefined);
        parts.push(
          signature === undefined
            ? { type: 'reasoning', text: thinking.thinking }
            : { type: 'reasoning', text: thinking.thinking, signature },
        );
        return;
      }
      case 'redacted_thinking':
        parts.push({
          type: 'redacted-reasoning',
          data: validateAnthropicField(redactedThinkingBlockSchema, block, at).data,
        });
        return;
      case 'tool_use': {
        const call = validateAnthropicField(toolUseBlockSchema, block, at);
        toolNames.set(call.id, call.name);
        if (call.cache_control !== null && call.cache_control !== undefined) {
          warnings.push('cache_control on a tool_use block was dropped: canonical tool calls carry no cache mark');
        }
        parts.push({ type: 'tool-call', id: call.id, name: call.name, arguments: JSON.stringify(call.input ?? {}) });
        return;
      }
      default:
        // Server-tool blocks (server_tool_use, web_search_tool_result, ...) only mean something to Anthropic.
        warnings.push(`an assistant '${block.type}' block was dropped: it cannot be translated`);
    }
  });
  return { value: parts, warnings };
}
