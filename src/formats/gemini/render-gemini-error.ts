import type { ErrorKind, GatewayError } from '../../core/errors.js';

/** Neutral error kinds → the google.rpc status names Gemini puts in `error.status`. */
const statusNameForKind: Record<ErrorKind, string> = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  request_too_large: 'INVALID_ARGUMENT',
  unsupported_media_type: 'INVALID_ARGUMENT',
  rate_limit: 'RESOURCE_EXHAUSTED',
  upstream: 'INTERNAL',
  unavailable: 'UNAVAILABLE',
  timeout: 'DEADLINE_EXCEEDED',
  internal: 'INTERNAL',
};

/** HTTP codes for in-stream errors, which carry a kind but no status. */
const httpCodeForKind: Record<ErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  unsupported_media_type: 415,
  rate_limit: 429,
  upstream: 500,
  unavailable: 503,
  timeout: 504,
  internal: 500,
};

export interface GeminiErrorBody {
  error: { code: number; message: string; status: string; details?: Array<Record<string, unknown>> };
}

function errorBody({
  code,
  message,
  kind,
  param,
  retryAfterSeconds,
}: {
  code: number;
  message: string;
  kind: ErrorKind;
  param?: string | undefined;
  retryAfterSeconds?: number | undefined;
}): GeminiErrorBody {
  // google.rpc details, as Gemini sends them: which field was wrong, and when to retry.
  const details: Array<Record<string, unknown>> = [];
  if (param !== undefined) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field: param, description: message }],
    });
  }
  if (retryAfterSeconds !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` });
  }
  return {
    error: { code, message, status: statusNameForKind[kind], ...(details.length > 0 ? { details } : {}) },
  };
}

export function renderGeminiError(error: GatewayError): GeminiErrorBody {
  return errorBody({
    code: error.status,
    message: error.message,
    kind: error.kind,
    param: error.param,
    retryAfterSeconds: error.retryAfterSeconds,
  });
}

/** Gemini reports a failure inside an SSE stream as one `data:` event holding the error body. */
export function renderGeminiStreamError(error: GatewayError): string {
  return `data: ${JSON.stringify(renderGeminiError(error))}\n\n`;
}

/** The in-stream error frame for an `error` stream part (kind and message only). */
export function renderGeminiStreamErrorPart(kind: ErrorKind, message: string): string {
  return `data: ${JSON.stringify(errorBody({ code: httpCodeForKind[kind], message, kind }))}\n\n`;
}
