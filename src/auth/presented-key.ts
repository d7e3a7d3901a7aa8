import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client key, wherever the client's SDK puts it: `Authorization: Bearer` (OpenAI and most), `x-api-key`
 * (Anthropic), `x-goog-api-key` or `?key=` (Gemini).
 */
export function presentedKey(headers: IncomingHttpHeaders, query: unknown): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    if (match?.[1]) return match[1].trim();
  }
  const anthropic = headers['x-api-key'];
  if (typeof anthropic === 'string' && anthropic !== '') return anthropic;
  const google = headers['x-goog-api-key'];
  if (typeof google === 'string' && google !== '') return google;
  if (typeof query === 'object' && query !== null && 'key' in query) {
    const key = (query as { key: unknown }).key;
    if (typeof key === 'string' && key !== '') return key;
  }
  return undefined;
}
