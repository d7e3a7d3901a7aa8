import type { ErrorKind, GatewayError } from '../../core/errors.js';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
}

/**
 * Neutral error kind → Anthropic error type (docs.anthropic.com/en/api/errors and `ErrorType` in
 * @anthropic-ai/sdk/resources/shared.d.ts). A gateway timeout is `timeout_error`, the SDK's type for 504s.
 */
export function toAnthropicErrorType(kind: ErrorKind): AnthropicErrorType {
  switch (kind) {
    case 'invalid_request':
    case 'unsupported_media_type':
      return 'invalid_request_error';
    case 'authentication':
      return 'authentication_error';
    case 'permission':
      return 'permission_error';
    case 'not_found':
      return 'not_found_error';
    case 'request_too_large':
      return 'request_too_large';
    case 'rate_limit':
      return 'rate_limit_error';
    case 'unavailable':
      return 'overloaded_error';
    case 'timeout':
      return 'timeout_error';
    case 'upstream':
    case 'internal':
      return 'api_error';
    default: {
      const exhaustive: never = kind;
      throw new Error(`unreachable error kind ${String(exhaustive)}`);
    }
  }
}

export function renderAnthropicError(error: GatewayError): AnthropicErrorBody {
  return { type: 'error', error: { type: toAnthropicErrorType(error.kind), message: error.message } };
}

/** The same body as an in-stream `error` event, which ends an Anthropic stream. */
export function renderAnthropicStreamError(error: GatewayError): string {
  return `event: error\ndata: ${JSON.stringify(renderAnthropicError(error))}\n\n`;
}
