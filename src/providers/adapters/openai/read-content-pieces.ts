import type { ContentPiece } from './create-think-tag-splitter.js';
import type { OpenaiWireContent } from './openai-wire-schemas.js';

/**
 * `content` as text and reasoning pieces. A string is text. A list (Mistral's Magistral answers this way) holds
 * `{type: 'text', text}` and `{type: 'thinking', thinking: [{type: 'text', text}]}` parts.
 */
export function readContentPieces(content: OpenaiWireContent): ContentPiece[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const pieces: ContentPiece[] = [];
  for (const part of content) {
    if (part.type === 'text' && typeof part.text === 'string' && part.text !== '') {
      pieces.push({ type: 'text', text: part.text });
    } else if (part.type === 'thinking') {
      const text = thinkingText(part.thinking);
      if (text !== '') pieces.push({ type: 'reasoning', text });
    }
  }
  return pieces;
}

function thinkingText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return value
    .map((item: unknown) =>
      typeof item === 'object' && item !== null && 'text' in item && typeof item.text === 'string' ? item.text : '',
    )
    .join('');
}
