/**
 * Coded errors. Code throws a GatewayError; one central handler renders it in the client's own API format.
 * The `kind` is format-neutral: each client codec maps it onto its own error type names.
 */
export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'request_too_large'
  | 'unsupported_media_type'
  | 'rate_limit'
  | 'upstream'
  | 'unavailable'
  | 'timeout'
  | 'internal';

interface ErrorCodeSpec {
  status: number;
  kind: ErrorKind;
  /** Whether another account or target may succeed where this one failed. */
  retryable: boolean;
}

export const errorCodes = {
  invalid_request: { status: 400, kind: 'invalid_request', retryable: false },
  invalid_json: { status: 400, kind: 'invalid_request', retryable: false },
  unsupported_media_type: { status: 415, kind: 'unsupported_media_type', retryable: false },
  payload_too_large: { status: 413, kind: 'request_too_large', retryable: false },
  missing_api_key: { status: 401, kind: 'authentication', retryable: false },
  invalid_api_key: { status: 401, kind: 'authentication', retryable: false },
  not_logged_in: { status: 401, kind: 'authentication', retryable: false },
  invalid_password: { status: 401, kind: 'authentication', retryable: false },
  forbidden: { status: 403, kind: 'permission', retryable: false },
  not_found: { status: 404, kind: 'not_found', retryable: false },
  model_not_found: { status: 404, kind: 'not_found', retryable: false },
  provider_not_found: { status: 404, kind: 'not_found', retryable: false },
  no_active_connection: { status: 404, kind: 'not_found', retryable: true },
  ambiguous_model: { status: 400, kind: 'invalid_request', retryable: false },
  conflict: { status: 409, kind: 'invalid_request', retryable: false },
  url_not_allowed: { status: 422, kind: 'invalid_request', retryable: false },
  rate_limited: { status: 429, kind: 'rate_limit', retryable: true },
  upstream_error: { status: 502, kind: 'upstream', retryable: true },
  upstream_unreachable: { status: 502, kind: 'unavailable', retryable: true },
  upstream_timeout: { status: 504, kind: 'timeout', retryable: true },
  upstream_stream_cut: { status: 502, kind: 'upstream', retryable: true },
  shutting_down: { status: 503, kind: 'unavailable', retryable: true },
  queue_full: { status: 429, kind: 'rate_limit', retryable: true },
  queue_timeout: { status: 503, kind: 'unavailable', retryable: true },
  circuit_open: { status: 503, kind: 'unavailable', retryable: true },
  all_targets_failed: { status: 503, kind: 'unavailable', retryable: true },
  internal: { status: 500, kind: 'internal', retryable: false },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;

export interface GatewayErrorOptions {
  /** Overrides the code's default status, e.g. to pass an upstream 4xx through unchanged. */
  status?: number;
  /** Overrides the code's default kind, e.g. an upstream 429 keeps kind rate_limit. */
  kind?: ErrorKind;
  /** The request field at fault, when there is one. */
  param?: string;
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly param: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec: ErrorCodeSpec = errorCodes[code];
    this.name = 'GatewayError';
    this.code = code;
    this.status = options.status ?? spec.status;
    this.kind = options.kind ?? spec.kind;
    this.retryable = spec.retryable;
    this.param = options.param;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Maps an HTTP status (typically from an upstream) to the neutral error kind. */
export function kindForStatus(status: number): ErrorKind {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'authentication';
  if (status === 402 || status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'request_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'unavailable';
  if (status >= 500) return 'upstream';
  return 'invalid_request';
}

/** A thrown value's message, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const message = errorMessage(error);
  return new GatewayError('internal', `Internal gateway error: ${message}`, { cause: error });
}
