/**
 * A readable message from an OpenAI-style error body: `{error: {message}}` (OpenAI and most compatible servers),
 * `{error: "text"}`, `{message}` or FastAPI's `{detail}` (vLLM, self-hosted servers), or a plain-text body.
 */
export function parseOpenaiErrorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const text = body.trim();
    if (text === '') return undefined;
    try {
      return parseOpenaiErrorMessage(JSON.parse(text)) ?? text;
    } catch {
      return text;
    }
  }
  if (Array.isArray(body)) return parseOpenaiErrorMessage(body[0]);
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, message, detail } = body as Record<string, unknown>;
  if (typeof error === 'string' && error !== '') return error;
  if (typeof error === 'object' && error !== null) {
    const nested = (error as Record<string, unknown>).message;
    if (typeof nested === 'string' && nested !== '') return nested;
  }
  if (typeof message === 'string' && message !== '') return message;
  if (typeof detail === 'string' && detail !== '') return detail;
  return undefined;
}
