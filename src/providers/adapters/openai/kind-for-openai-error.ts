import { type ErrorKind, kindForStatus } from '../../../core/errors.js';

/**
 * An in-stream OpenAI error → the neutral kind. OpenAI names the type; OpenRouter and others put an HTTP status
 * in `code`; a `timeout` code wins over the type.
 */
export function kindForOpenaiError(error: { type?: string | null; code?: string | number | null }): ErrorKind {
  if (error.code === 'timeout') return 'timeout';
  if (typeof error.code === 'number') return kindForStatus(error.code);
  switch (error.type) {
    case 'invalid_request_error':
      return 'invalid_request';
    case 'authentication_error':
      return 'authentication';
    case 'permission_error':
      return 'permission';
    case 'not_found_error':
      return 'not_found';
    case 'rate_limit_error':
    case 'insufficient_quota':
      return 'rate_limit';
    default:
      return 'upstream';
  }
}
