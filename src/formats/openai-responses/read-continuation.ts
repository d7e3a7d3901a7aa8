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
 * Reads the server-state fields of a Responses request, which the pure codec cannot act on. The gateway puts
 * the items stored for `previousResponseId` (that response's input and output items, not its instructions)
 * in front of `input` before calling `parseRequest`, and stores this exchange when `store` is true.
 * Output items this codec renders parse back as input unchanged, so stored answers replay to any upstream.
 */
export function readContinuation(body: unknown): Continuation {
  const previous = field(body, 'previous_response_id');
  return {
    ...(typeof previous === 'string' && previous !== '' ? { previousResponseId: previous } : {}),
    store: field(body, 'store') !== false,
  };
}
