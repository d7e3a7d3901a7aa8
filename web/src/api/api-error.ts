/** Any failed management API call: the HTTP status plus the API's own `{error: {message, code, param?}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  /** The request field the server named as wrong (400s from parse-input). */
  readonly param: string | undefined;
  /** Seconds from Retry-After, when the server sent one (429). */
  readonly retryAfterSeconds: number | undefined;

  constructor(options: { status: number; message: string; code?: string; param?: string; retryAfterSeconds?: number }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.param = options.param;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A message fit for the screen, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.param ? `${error.message} (${error.param})` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
