import type { Usage } from '../../../core/canonical.js';
import type { WireEvent } from '../../../core/codec.js';
import type { OllamaChatResponse } from './ollama-chat-response-schema.js';

function numberField(body: unknown, key: string): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = Reflect.get(body, key);
  return typeof value === 'number' ? value : undefined;
}

/**
 * Ollama reports `prompt_eval_count` (prompt tokens it evaluated) and `eval_count` (generated tokens).
 * There are no cache counters: a prompt prefix reused from Ollama's KV cache is simply not counted.
 */
export function toUsage(body: Pick<OllamaChatResponse, 'prompt_eval_count' | 'eval_count'>): Usage {
  return { inputTokens: body.prompt_eval_count ?? 0, outputTokens: body.eval_count ?? 0 };
}

export function readOllamaUsage(body: unknown): Usage | undefined {
  const input = numberField(body, 'prompt_eval_count');
  const output = numberField(body, 'eval_count');
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0 };
}

/** Only the final `done: true` line carries counts; the substring test skips parsing every text delta. */
export function readOllamaStreamUsage(event: WireEvent): Partial<Usage> | undefined {
  if (!event.data.includes('eval_count')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(event.data);
  } catch {
    return undefined;
  }
  const input = numberField(body, 'prompt_eval_count');
  const output = numberField(body, 'eval_count');
  if (input === undefined && output === undefined) return undefined;
  return {
    ...(input !== undefined ? { inputTokens: input } : {}),
    ...(output !== undefined ? { outputTokens: output } : {}),
  };
}

/** Ollama errors are `{"error": "message"}`; OpenAI-style `{error: {message}}` is tolerated for proxies. */
export function parseOllamaErrorMessage(body: unknown): string | undefined {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return body.trim() === '' ? undefined : body.trim();
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const error: unknown = Reflect.get(value, 'error');
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message: unknown = Reflect.get(error, 'message');
    if (typeof message === 'string') return message;
  }
  return undefined;
}
