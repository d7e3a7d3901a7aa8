import type { ProviderDefinition } from '../providers/catalog/types.js';

/** Request headers for one provider account: its static headers plus the credential in the provider's style. */
export function upstreamHeaders(provider: ProviderDefinition, apiKey: string | null): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...provider.headers };
  if (apiKey === null || apiKey === '') return headers;
  switch (provider.authStyle) {
    case 'bearer':
      headers.authorization = `Bearer ${apiKey}`;
      break;
    case 'x-api-key':
      headers['x-api-key'] = apiKey;
      break;
    case 'x-goog-api-key':
      headers['x-goog-api-key'] = apiKey;
      break;
    case 'token':
      headers.authorization = `Token ${apiKey}`;
      break;
    case 'authorization':
      headers.authorization = apiKey;
      break;
    case 'none':
      break;
    default: {
      const exhaustive: never = provider.authStyle;
      throw new Error(`Unknown auth style ${String(exhaustive)}`);
    }
  }
  return headers;
}
