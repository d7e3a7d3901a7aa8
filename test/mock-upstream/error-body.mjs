// Error bodies in each API's own shape, so the gateway's error parsing is exercised as in production.
import { STATUS_CODES } from 'node:http';

/** @typedef {'openai' | 'anthropic' | 'gemini' | 'ollama' | 'deepgram' | 'assemblyai'} ErrorFormat */

/** @type {Record<number, [type: string, code: string | null]>} */
const OPENAI = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['permission_error', null],
  404: ['invalid_request_error', null],
  429: ['requests', 'rate_limit_exceeded'],
};

// https://docs.anthropic.com/en/api/errors
/** @type {Record<number, string>} */
const ANTHROPIC = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

// google.rpc.Code names as the Gemini API reports them.
/** @type {Record<number, string>} */
const GEMINI = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** @type {Record<number, string>} */
const DEEPGRAM = {
  400: 'Bad Request',
  401: 'INVALID_AUTH',
  402: 'ASR_PAYMENT_REQUIRED',
  403: 'INSUFFICIENT_PERMISSIONS',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * @param {{ format: ErrorFormat, status: number, message?: string }} options
 * @returns {unknown}
 */
export function errorBody({ format, status, message = defaultMessage(status) }) {
  const server = status >= 500;
  switch (format) {
    case 'openai': {
      const [type, code] = OPENAI[status] ?? [server ? 'server_error' : 'invalid_request_error', null];
      return { error: { message, type, param: null, code } };
    }
    case 'anthropic': {
      const type = ANTHROPIC[status] ?? (server ? 'api_error' : 'invalid_request_error');
      return { type: 'error', error: { type, message } };
    }
    case 'gemini':
      return { error: { code: status, message, status: GEMINI[status] ?? (server ? 'INTERNAL' : 'INVALID_ARGUMENT') } };
    case 'ollama':
    case 'assemblyai':
      return { error: message };
    case 'deepgram':
      // https://developers.deepgram.com/reference/errors
      return { err_code: DEEPGRAM[status] ?? (server ? 'INTERNAL_SERVER_ERROR' : 'Bad Request'), err_msg: message };
    default: {
      /** @type {never} */
      const unknownFormat = format;
      throw new Error(`unknown error format ${String(unknownFormat)}`);
    }
  }
}

/** @param {number} status */
function defaultMessage(status) {
  return `Mock upstream error: ${status} ${STATUS_CODES[status] ?? 'Unknown'}`;
}

/**
 * The error format for a path no route claims.
 * @param {string} pathname
 * @returns {ErrorFormat}
 */
export function errorFormatForPath(pathname) {
  if (pathname.startsWith('/v1beta/') || pathname.startsWith('/v1alpha/')) return 'gemini';
  if (pathname.startsWith('/api/')) return 'ollama';
  if (pathname.startsWith('/v1/messages')) return 'anthropic';
  if (pathname === '/v1/listen') return 'deepgram';
  if (pathname.startsWith('/v2/')) return 'assemblyai';
  return 'openai';
}
