import type { ErrorKind, GatewayError } from '../../core/errors.js';
import { formatSseFrame } from './format-sse-frame.js';
import type { WireResponseErrorCode } from './responses-wire-types.js';

/** OpenAI's error `type` names (https://platform.openai.com/docs/guides/error-codes). */
const errorTypes: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'invalid_request_error',
  unsupported_media_type: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  upstream: 'server_error',
  unavailable: 'server_error',
  timeout: 'timeout_error',
  internal: 'server_error',
};

export interface ResponsesErrorBody {
  error: { message: string; type: string; code: string; param: string | null };
}

export function renderResponsesError(error: GatewayError): ResponsesErrorBody {
  return {
    error: { message: error.message, type: errorTypes[error.kind], code: error.code, param: error.param ?? null },
  };
}

/** The `response.error.code` of a failed response: the SDK allows only its own list of codes. */
export function responseErrorCodeFor(kind: ErrorKind): WireResponseErrorCode {
  if (kind === 'rate_limit') return 'rate_limit_exceeded';
  if (kind === 'invalid_request' || kind === 'request_too_large') return 'invalid_prompt';
  return 'server_error';
}

/**
 * The in-stream `error` event. The SDK types it flat (`code`, `message`, `param`) while the live API sends the
 * details nested under `error` (see the fixture); both are written so either reader finds them. A nested
 * `error` also makes the official SDK throw an APIError, which is how a real mid-stream failure surfaces.
 */
export function errorEvent(kind: ErrorKind, code: string, message: string, param: string | null) {
  return {
    type: 'error' as const,
    code,
    message,
    param,
    error: { type: errorTypes[kind], code, message, param },
  };
}

/**
 * Stateless fallback for a failure outside an encoder: the sequence number is unknown here, so it is 0.
 * Streams that have an encoder get the sequenced `error` + `response.failed` pair from it instead.
 */
export function renderResponsesStreamError(error: GatewayError): string {
  const { type, ...rest } = errorEvent(error.kind, error.code, error.message, error.param ?? null);
  return formatSseFrame({ type, sequence_number: 0, ...rest });
}
