import { randomUUID } from 'node:crypto';

/**
 * Gemini calls usually carry no id, but every canonical call needs one that stays unique across the turns of
 * a conversation (other formats pair results by id, and Anthropic rejects duplicates), hence random.
 */
export function createToolCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
