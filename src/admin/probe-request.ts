import type { CanonicalRequest } from '../core/canonical.js';

/**
 * The request every connection test sends (API keys and subscriptions alike): one user word, one output token, no
 * stream, so a test proves the credentials and the route while costing next to nothing.
 */
export function probeRequest(model: string): CanonicalRequest {
  return {
    model,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    maxOutputTokens: 1,
    stream: false,
  };
}
