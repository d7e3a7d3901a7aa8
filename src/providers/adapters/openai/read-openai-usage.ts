import type { Usage } from '../../../core/canonical.js';
import type { WireEvent } from '../../../core/codec.js';
import { convertOpenaiUsage } from './convert-openai-usage.js';
import { openaiUsageSchema } from './openai-wire-schemas.js';

function usageFrom(value: unknown): Usage | undefined {
  const parsed = openaiUsageSchema.safeParse(value);
  return parsed.success && parsed.data.prompt_tokens != null ? convertOpenaiUsage(parsed.data) : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Usage of a non-streaming answer, for the pass-through path. */
export function readOpenaiUsage(body: unknown): Usage | undefined {
  const answer = record(body);
  return answer === undefined ? undefined : usageFrom(answer.usage);
}

/**
 * Usage carried by one stream event, for the pass-through path, which calls this on every chunk. Chunks without
 * a usage object (most of them, including OpenAI's `"usage": null` ones) are rejected by a substring test before
 * any JSON parsing: every usage object has `prompt_tokens`.
 */
export function readOpenaiStreamUsage(event: WireEvent): Partial<Usage> | undefined {
  if (!event.data.includes('"prompt_tokens"')) return undefined;
  let chunk: Record<string, unknown> | undefined;
  try {
    chunk = record(JSON.parse(event.data));
  } catch {
    return undefined;
  }
  if (chunk === undefined) return undefined;
  return usageFrom(chunk.usage) ?? usageFrom(record(chunk.x_groq)?.usage);
}
