import { randomUUID } from 'node:crypto';

/**
 * Ollama calls usually carry no id, but every canonical call needs one that stays unique across the turns
 * of a conversation (Anthropic rejects duplicate tool_use ids), hence random rather than `call_0`.
 */
export function createToolCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
