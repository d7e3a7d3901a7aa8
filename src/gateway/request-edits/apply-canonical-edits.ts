import type { CanonicalMessage, CanonicalRequest, TextPart } from '../../core/canonical.js';
import { type EditTarget, type RequestEdits, reasoningFor, type SystemPromptEdit } from './request-edits.js';

/**
 * The translated path's edits, on the canonical request before the adapter builds the upstream body:
 * the system prompt becomes text parts around the system messages (existing parts, with their cache marks,
 * untouched), and the thinking budget becomes canonical `reasoning`, which each adapter maps to its own fields.
 */
export function applyCanonicalEdits(
  request: CanonicalRequest,
  edits: RequestEdits,
  target: EditTarget,
): CanonicalRequest {
  let next = request;
  if (edits.systemPrompt !== undefined) {
    next = { ...next, messages: surroundSystemMessages(next.messages, edits.systemPrompt) };
  }
  const thinking = edits.thinking;
  if (thinking?.type === 'strip') {
    if (next.reasoning !== undefined) {
      const { reasoning: _removed, ...rest } = next;
      next = rest;
    }
  } else if (thinking?.type === 'set' && (next.reasoning !== undefined || target.supportsReasoning)) {
    next = { ...next, reasoning: reasoningFor(thinking) };
  }
  return next;
}

/** Prefix into the first system message, suffix into the last; one new leading system message when there is none. */
export function surroundSystemMessages(messages: CanonicalMessage[], edit: SystemPromptEdit): CanonicalMessage[] {
  const prefix: TextPart[] = edit.prefix === '' ? [] : [{ type: 'text', text: edit.prefix }];
  const suffix: TextPart[] = edit.suffix === '' ? [] : [{ type: 'text', text: edit.suffix }];
  const first = messages.findIndex((message) => message.role === 'system');
  if (first === -1) return [{ role: 'system', content: [...prefix, ...suffix] }, ...messages];
  let last = first;
  messages.forEach((message, index) => {
    if (message.role === 'system') last = index;
  });
  return messages.map((message, index) => {
    if (message.role !== 'system' || (index !== first && index !== last)) return message;
    const content = [...(index === first ? prefix : []), ...message.content, ...(index === last ? suffix : [])];
    return { role: 'system', content };
  });
}
