import type { CanonicalMessage, CanonicalRequest } from '../../core/canonical.js';

export interface Continuation {
  /** The response this request continues; its stored history must be inserted before the new input. */
  previousResponseId?: string;
  /** Whether the client wants this response stored (the Responses API default is true). */
  store: boolean;
}

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null && key in body ? (body as Record<string, unknown>)[key] : undefined;
}

/**
 * Reads the server-state fields of a Responses request, which the pure codec cannot act on:
 * the gateway looks up the history stored for `previousResponseId` (the canonical input and output messages
 * of that response, without its instructions) and, when `store` is true, stores this exchange under the
 * `id` the client receives.
 */
export function readContinuation(body: unknown): Continuation {
  const previous = field(body, 'previous_response_id');
  return {
    ...(typeof previous === 'string' && previous !== '' ? { previousResponseId: previous } : {}),
    store: field(body, 'store') !== false,
  };
}

/**
 * Inserts stored history into a parsed request. OpenAI's semantics: the new `instructions` lead (old ones are
 * not carried over), then the previous conversation, then the new input.
 */
export function insertContinuationHistory({
  body,
  request,
  history,
}: {
  body: unknown;
  request: CanonicalRequest;
  history: CanonicalMessage[];
}): CanonicalRequest {
  const instructions = field(body, 'instructions');
  const leading = typeof instructions === 'string' && instructions !== '' ? 1 : 0;
  const messages = [...request.messages.slice(0, leading), ...history, ...request.messages.slice(leading)];
  return { ...request, messages };
}
