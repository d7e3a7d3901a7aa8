import type { GatewayError } from '../../core/errors.js';

/**
 * Ollama errors are a bare `{"error": "message"}` with the HTTP status carrying the kind; there are no
 * error type names to map onto.
 */
export function renderOllamaError(error: GatewayError): { error: string } {
  return { error: error.message };
}

/** Mid-stream, Ollama writes the same object as one NDJSON line and closes the stream. */
export function renderOllamaStreamError(error: GatewayError): string {
  return `${JSON.stringify(renderOllamaError(error))}\n`;
}
