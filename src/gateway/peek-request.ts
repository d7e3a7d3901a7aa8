import type { ParseHints } from '../core/codec.js';
import { GatewayError } from '../core/errors.js';
import type { WireFormat } from '../core/wire-format.js';

export interface RequestPeek {
  model: string;
  stream: boolean;
}

/**
 * The two facts routing needs before deciding between pass-through and translation, read without converting the
 * whole body. Gemini carries both in the URL; Ollama streams unless told otherwise.
 */
export function peekRequest(format: WireFormat, body: unknown, hints: ParseHints): RequestPeek {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  const fields = body as { model?: unknown; stream?: unknown };
  const model = hints.model ?? fields.model;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new GatewayError('invalid_request', 'The request must name a model (a non-empty string).', {
      param: 'model',
    });
  }
  if (fields.stream !== undefined && typeof fields.stream !== 'boolean') {
    throw new GatewayError('invalid_request', "'stream' must be true or false.", { param: 'stream' });
  }
  const stream = hints.stream ?? fields.stream ?? format === 'ollama';
  return { model, stream };
}
