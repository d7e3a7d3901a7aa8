import type { ReasoningConfig } from '../../core/canonical.js';
import type { EditTarget, SystemPromptEdit } from './request-edits.js';

/** A client request body as JSON. Editors never mutate it: a retry on another target starts from the original. */
export type WireBody = Record<string, unknown>;

/** The pass-through path's edits for one wire format: pure functions from body to body. */
export interface WireEditor {
  addSystemPrompt(body: WireBody, edit: SystemPromptEdit): WireBody;
  /** The request asks for reasoning in this format's own way. */
  asksForReasoning(body: WireBody): boolean;
  stripReasoning(body: WireBody): WireBody;
  setReasoning(body: WireBody, reasoning: ReasoningConfig, target: EditTarget): WireBody;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function without(body: WireBody, ...keys: string[]): WireBody {
  if (!keys.some((key) => key in body)) return body;
  const copy = { ...body };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * Text content with the prefix before and the suffix after: a string gains them as paragraphs; a list of parts
 * gains text parts (built by `textPart`), so existing parts and their marks (Anthropic `cache_control`) stay as
 * they were. `prefix`/`suffix` may be '' (that side of this message is left alone).
 */
export function surroundContent(
  content: unknown,
  prefix: string,
  suffix: string,
  textPart: (text: string) => Record<string, unknown>,
): unknown {
  if (Array.isArray(content)) {
    return [...(prefix === '' ? [] : [textPart(prefix)]), ...content, ...(suffix === '' ? [] : [textPart(suffix)])];
  }
  const text = typeof content === 'string' ? content : '';
  return [prefix, text, suffix].filter((piece) => piece !== '').join('\n\n');
}

/**
 * Chat-style `messages` (OpenAI, Ollama): the prefix goes into the first system-like message, the suffix into the
 * last one; with none, one system message holding both is put first.
 */
export function surroundSystemRoleMessages(
  messages: unknown,
  edit: SystemPromptEdit,
  roles: ReadonlySet<string>,
  textPart: (text: string) => Record<string, unknown>,
): unknown {
  if (!Array.isArray(messages)) return messages;
  const isSystem = (message: unknown) => isRecord(message) && roles.has(String(message.role));
  const first = messages.findIndex(isSystem);
  if (first === -1) {
    return [{ role: 'system', content: surroundContent(undefined, edit.prefix, edit.suffix, textPart) }, ...messages];
  }
  const last = messages.findLastIndex(isSystem);
  return messages.map((message, index) => {
    if ((index !== first && index !== last) || !isRecord(message)) return message;
    const prefix = index === first ? edit.prefix : '';
    const suffix = index === last ? edit.suffix : '';
    return { ...message, content: surroundContent(message.content, prefix, suffix, textPart) };
  });
}
