import type { ErrorKind, GatewayError } from '../../core/errors.js';

export type OpenaiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error';

export interface OpenaiErrorBody {
  error: { message: string; type: OpenaiErrorType; code: string | null; param: string | null };
}

export function openaiErrorType(kind: ErrorKind): OpenaiErrorType {
  switch (kind) {
    case 'invalid_request':
    case 'request_too_large':
    case 'unsupported_media_type':
      return 'invalid_request_error';
    case 'authentication':
      return 'authentication_error';
    case 'permission':
      return 'permission_error';
    case 'not_found':
      return 'not_found_error';
    case 'rate_limit':
      return 'rate_limit_error';
    case 'upstream':
    case 'unavailable':
    case 'timeout':
    case 'internal':
      return 'server_error';
    default: {
      const unexpected: never = kind;
      throw new Error(`Unexpected error kind: ${String(unexpected)}`);
    }
  }
}

/** Timeouts carry code `timeout` whatever their gateway code, so clients can tell them from other server errors. */
function errorCode(kind: ErrorKind, code: string): string {
  return kind === 'timeout' ? 'timeout' : code;
}

export function renderOpenaiError(error: GatewayError): OpenaiErrorBody {
  return {
    error: {
      message: error.message,
      type: openaiErrorType(error.kind),
      code: errorCode(error.kind, error.code),
      param: error.param ?? null,
    },
  };
}

export function renderOpenaiStreamError(error: GatewayError): string {
  return `data: ${JSON.stringify(renderOpenaiError(error))}\n\n`;
}

/** The in-stream frame for an `error` stream part, which carries a kind but no gateway code. */
export function renderOpenaiStreamErrorPart(kind: ErrorKind, message: string): string {
  const body: OpenaiErrorBody = {
    error: { message, type: openaiErrorType(kind), code: errorCode(kind, kind), param: null },
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}
