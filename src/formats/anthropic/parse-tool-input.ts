/**
 * Tool-call arguments (JSON text) → the `input` object Anthropic clients expect. Arguments that are empty or not
 * a JSON object (a truncated upstream answer, a model that wrote prose) become `{}` rather than failing the whole
 * answer: the client's tool validation then reports the problem where the user can see it.
 */
export function parseToolInput(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
