function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Canonical arguments are JSON text; Ollama wants an object. Text that is not a JSON object (typically cut
 * short by a length limit) becomes `{}`: a placeholder key holding the raw text would reach the client's tool
 * implementation as if it were a real argument, while `{}` fails that tool's own validation visibly.
 */
export function toolArgumentsToObject(text: string): { value: Record<string, unknown>; valid: boolean } {
  try {
    const parsed: unknown = JSON.parse(text === '' ? '{}' : text);
    if (isJsonObject(parsed)) return { value: parsed, valid: true };
  } catch {
    // Falls through to the placeholder.
  }
  return { value: {}, valid: false };
}
