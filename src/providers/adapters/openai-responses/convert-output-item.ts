import type { AssistantContentPart } from '../../../core/canonical.js';
import type { OutputItem } from './responses-response-schema.js';
import { outputItemSchema } from './responses-response-schema.js';

/** Reads an output item the adapter understands; built-in tool items (web_search_call, …) give undefined. */
export function readOutputItem(value: unknown): OutputItem | undefined {
  const result = outputItemSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** Summary parts (or raw reasoning text from open-weight models) joined into one canonical reasoning text. */
export function reasoningTextOf(item: Extract<OutputItem, { type: 'reasoning' }>): string {
  const summary = (item.summary ?? []).map((part) => part.text).join('\n\n');
  return summary || (item.content ?? []).map((part) => part.text).join('\n\n');
}

export function messageTextOf(item: Extract<OutputItem, { type: 'message' }>): string[] {
  return item.content.flatMap((part) => {
    const text = part.type === 'refusal' ? part.refusal : part.text;
    return text ? [text] : [];
  });
}

/**
 * One output item → canonical parts. A reasoning item keeps `encrypted_content` as its signature, or becomes
 * redacted reasoning when it has no readable text, so it can be replayed to OpenAI later.
 */
export function convertOutputItem(item: OutputItem): AssistantContentPart[] {
  switch (item.type) {
    case 'message':
      return messageTextOf(item).map((text) => ({ type: 'text', text }));
    case 'function_call':
      return [{ type: 'tool-call', id: item.call_id, name: item.name, arguments: item.arguments || '{}' }];
    case 'reasoning': {
      const text = reasoningTextOf(item);
      const encrypted = item.encrypted_content ?? undefined;
      if (text) return [{ type: 'reasoning', text, ...(encrypted ? { signature: encrypted } : {}) }];
      return encrypted ? [{ type: 'redacted-reasoning', data: encrypted }] : [];
    }
    default: {
      const unreachable: never = item;
      return unreachable;
    }
  }
}
