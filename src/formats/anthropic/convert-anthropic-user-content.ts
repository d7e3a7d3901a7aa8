import type {
  CanonicalMessage,
  Converted,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../core/canonical.js';
import {
  documentBlockSchema,
  imageBlockSchema,
  searchResultBlockSchema,
  textBlockSchema,
  toolResultBlockSchema,
} from './anthropic-request-schema.js';
import { convertAnthropicDocumentBlock, convertAnthropicImageBlock } from './convert-anthropic-media-block.js';
import { toCanonicalCacheControl } from './to-canonical-cache-control.js';
import { type FieldPath, invalidField, validateAnthropicField } from './validate-anthropic-field.js';

interface UserContentInput {
  blocks: ReadonlyArray<{ type: string }>;
  path: FieldPath;
  /** Tool names by tool_use id, from earlier assistant turns (Gemini needs the name on a result). */
  toolNames: ReadonlyMap<string, string>;
}

/**
 * One Anthropic user turn → canonical messages. Tool results become `tool` messages and everything else a
 * `user` message; runs keep their order, so `[tool_result, tool_result, text]` becomes a tool message followed
 * by a user message, exactly the order the model saw.
 */
export function convertAnthropicUserContent({
  blocks,
  path,
  toolNames,
}: UserContentInput): Converted<CanonicalMessage[]> {
  const warnings: string[] = [];
  const messages: CanonicalMessage[] = [];
  let userParts: UserContentPart[] = [];
  let toolParts: ToolResultPart[] = [];
  const flushUser = () => {
    if (userParts.length > 0) messages.push({ role: 'user', content: userParts });
    userParts = [];
  };
  const flushTool = () => {
    if (toolParts.length > 0) messages.push({ role: 'tool', content: toolParts });
    toolParts = [];
  };

  blocks.forEach((block, index) => {
    const at = [...path, index];
    if (block.type === 'tool_result') {
      flushUser();
      const result = validateAnthropicField(toolResultBlockSchema, block, at);
      const converted = convertToolResultContent(result.content, [...at, 'content']);
      warnings.push(...converted.warnings);
      const part: ToolResultPart = { type: 'tool-result', toolCallId: result.tool_use_id, content: converted.value };
      const toolName = toolNames.get(result.tool_use_id);
      if (toolName !== undefined) part.toolName = toolName;
      if (result.is_error === true) part.isError = true;
      const cacheControl = toCanonicalCacheControl(result.cache_control);
      if (cacheControl !== undefined) part.cacheControl = cacheControl;
      toolParts.push(part);
      return;
    }
    flushTool();
    const converted = convertUserBlock(block, at);
    warnings.push(...converted.warnings);
    userParts.push(...converted.value);
  });
  flushTool();
  flushUser();
  return { value: messages, warnings };
}

function convertUserBlock(block: { type: string }, at: FieldPath): Converted<UserContentPart[]> {
  switch (block.type) {
    case 'text':
      return convertTextBlock(block, at);
    case 'image':
      return {
        value: [convertAnthropicImageBlock(validateAnthropicField(imageBlockSchema, block, at), at)],
        warnings: [],
      };
    case 'document':
      return convertAnthropicDocumentBlock(validateAnthropicField(documentBlockSchema, block, at), at);
    case 'search_result':
      return convertSearchResult(block, at);
    default:
      throw invalidField([...at, 'type'], `content block type '${block.type}' is not supported in a user message`);
  }
}

function convertTextBlock(block: unknown, at: FieldPath): Converted<TextPart[]> {
  const text = validateAnthropicField(textBlockSchema, block, at);
  const part: TextPart = { type: 'text', text: text.text };
  const cacheControl = toCanonicalCacheControl(text.cache_control);
  if (cacheControl !== undefined) part.cacheControl = cacheControl;
  const warnings = (text.citations?.length ?? 0) > 0 ? ['citations on text blocks were dropped'] : [];
  return { value: [part], warnings };
}

/** Search results keep their words as text; the citation linkage they enable cannot be translated. */
function convertSearchResult(block: unknown, at: FieldPath): Converted<TextPart[]> {
  const result = validateAnthropicField(searchResultBlockSchema, block, at);
  const body = result.content.map((item) => item.text).join('\n');
  const part: TextPart = { type: 'text', text: `${result.title} (${result.source})\n${body}` };
  const cacheControl = toCanonicalCacheControl(result.cache_control);
  if (cacheControl !== undefined) part.cacheControl = cacheControl;
  return { value: [part], warnings: ['a search_result block was converted to plain text; citations are lost'] };
}

function convertToolResultContent(
  content: string | ReadonlyArray<{ type: string }> | null | undefined,
  path: FieldPath,
): Converted<Array<TextPart | ImagePart>> {
  if (content === null || content === undefined) return { value: [], warnings: [] };
  if (typeof content === 'string')
    return { value: content === '' ? [] : [{ type: 'text', text: content }], warnings: [] };
  const warnings: string[] = [];
  const parts: Array<TextPart | ImagePart> = [];
  content.forEach((block, index) => {
    const at = [...path, index];
    switch (block.type) {
      case 'text':
      case 'search_result': {
        const converted = block.type === 'text' ? convertTextBlock(block, at) : convertSearchResult(block, at);
        warnings.push(...converted.warnings);
        parts.push(...converted.value);
        return;
      }
      case 'image':
        parts.push(convertAnthropicImageBlock(validateAnthropicField(imageBlockSchema, block, at), at));
        return;
      default:
        // Documents, tool references and browser state have no canonical tool-result form.
        warnings.push(`a '${block.type}' block inside a tool_result was dropped`);
    }
  });
  return { value: parts, warnings };
}
