import type { ErrorKind } from '../../../core/errors.js';

/**
 * OpenAI error `code` / `type` (from a failed response or a stream `error` event) → neutral kind, so routing
 * can tell a quota problem (another account may work) from a bad prompt (none will).
 */
export function errorKindForCode(code: string | null | undefined, type?: string | null): ErrorKind {
  const value = code ?? type ?? '';
  if (['rate_limit_exceeded', 'insufficient_quota', 'rate_limit_error', 'tokens', 'requests'].includes(value)) {
    return 'rate_limit';
  }
  if (value === 'invalid_api_key') return 'authentication';
  if (value === 'invalid_prompt' || value === 'context_length_exceeded' || value.startsWith('invalid_')) {
    return 'invalid_request';
  }
  if (value.startsWith('image_') || value === 'unsupported_image_media_type' || value === 'empty_image_file') {
    return 'invalid_request';
  }
  return 'upstream';
}
