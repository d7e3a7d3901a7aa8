import type { ReasoningEffort } from '../../core/canonical.js';

/**
 * The adaptive thinking budget:
 *
 *   budget = 2048 + ¼ × estimated conversation tokens + (4096 when tools are declared)
 *   clamped to [1024, ceiling]   (ceiling: the setting's budgetTokens, else 32768)
 *
 * A short question gets about 2k tokens to think; a long conversation gets more room to reason over its context;
 * an agentic turn (tools) gets extra room to plan its calls. Conversation tokens are estimated as characters / 4
 * over the body's text, skipping inline media (base64) and opaque signatures, which are not reasoning material.
 */
export const adaptiveBase = 2048;
export const adaptiveToolBonus = 4096;
export const adaptiveDefaultCeiling = 32_768;
const minimumBudget = 1024;

export function adaptiveBudget(body: unknown, ceiling = adaptiveDefaultCeiling): number {
  const { characters, hasTools } = measureConversation(body);
  const raw = adaptiveBase + Math.ceil(characters / 4 / 4) + (hasTools ? adaptiveToolBonus : 0);
  return Math.max(Math.min(minimumBudget, ceiling), Math.min(raw, ceiling));
}

/**
 * Effort ↔ budget, the same tables the adapters use (build-openai-chat-request.ts, map-reasoning-to-thinking.ts):
 * below 4096 low, below 16384 medium, else high; low 1024, medium 8192, high 24576.
 */
export function effortForBudget(budget: number): ReasoningEffort {
  if (budget < 4096) return 'low';
  return budget < 16_384 ? 'medium' : 'high';
}

export function budgetForEffort(effort: 'low' | 'medium' | 'high'): number {
  return { low: 1024, medium: 8192, high: 24_576 }[effort];
}

// Keys whose values are media or opaque tokens in one format or another, never prompt text.
const skippedKeys = new Set([
  'data',
  'images',
  'image_url',
  'inlineData',
  'inline_data',
  'file_data',
  'fileData',
  'signature',
  'thoughtSignature',
  'thought_signature',
  'encrypted_content',
  'tools',
  'functions',
]);

export function measureConversation(body: unknown): { characters: number; hasTools: boolean } {
  if (typeof body !== 'object' || body === null) return { characters: 0, hasTools: false };
  const { tools, functions } = body as { tools?: unknown; functions?: unknown };
  const hasTools = (Array.isArray(tools) && tools.length > 0) || (Array.isArray(functions) && functions.length > 0);
  return { characters: countText(body, 0), hasTools };
}

function countText(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.startsWith('data:') ? 0 : value.length;
  if (depth > 16 || typeof value !== 'object' || value === null) return 0;
  let total = 0;
  if (Array.isArray(value)) {
    for (const item of value) total += countText(item, depth + 1);
    return total;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!skippedKeys.has(key)) total += countText(item, depth + 1);
  }
  return total;
}
