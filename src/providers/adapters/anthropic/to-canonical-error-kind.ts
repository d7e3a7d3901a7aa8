import type { ErrorKind } from '../../../core/errors.js';

/** Anthropic error `type` (docs.anthropic.com/en/api/errors) → neutral error kind, for in-stream error events. */
export function toCanonicalErrorKind(type: string | null | undefined): ErrorKind {
  switch (type) {
    case 'invalid_request_error':
      return 'invalid_request';
    case 'authentication_error':
      return 'authentication';
    case 'permission_error':
    case 'billing_error':
      return 'permission';
    case 'not_found_error':
      return 'not_found';
    case 'request_too_large':
      return 'request_too_large';
    case 'rate_limit_error':
      return 'rate_limit';
    case 'timeout_error':
      return 'timeout';
    case 'overloaded_error':
      return 'unavailable';
    default:
      return 'upstream';
  }
}
