import { type ErrorKind, kindForStatus } from '../../../core/errors.js';

/** google.rpc status names Gemini puts in `error.status` → neutral error kinds. */
const kindByStatus: Record<string, ErrorKind> = {
  INVALID_ARGUMENT: 'invalid_request',
  FAILED_PRECONDITION: 'invalid_request',
  OUT_OF_RANGE: 'invalid_request',
  UNAUTHENTICATED: 'authentication',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limit',
  UNAVAILABLE: 'unavailable',
  DEADLINE_EXCEEDED: 'timeout',
  INTERNAL: 'upstream',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `error` object of a Gemini error body: `{error:{...}}`, or `[{error:{...}}]` as some endpoints send it. */
function errorObject(body: unknown): Record<string, unknown> | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (Array.isArray(value)) value = value[0];
  return isRecord(value) && isRecord(value.error) ? value.error : undefined;
}

export function readGeminiErrorMessage(body: unknown): string | undefined {
  const error = errorObject(body);
  return typeof error?.message === 'string' ? error.message : undefined;
}

export function geminiErrorKind(error: { code?: number | undefined; status?: string | undefined }): ErrorKind {
  const byStatus = error.status === undefined ? undefined : kindByStatus[error.status];
  if (byStatus !== undefined) return byStatus;
  return error.code === undefined ? 'upstream' : kindForStatus(error.code);
}
