// Credentials as each API expects them. Any non-empty key is accepted: the mock checks presence, not validity.

/**
 * @typedef {'bearer' | 'anthropic' | 'gemini' | 'deepgram' | 'assemblyai' | 'none'} AuthKind
 * @typedef {{ status: number, message: string }} AuthFailure
 */

/**
 * @param {{ kind: AuthKind, headers: import('node:http').IncomingHttpHeaders, query: string }} options
 * @returns {AuthFailure | undefined}
 */
export function checkAuth({ kind, headers, query }) {
  switch (kind) {
    case 'none':
      return undefined;
    case 'bearer':
      if (hasBearer(headers)) return undefined;
      return {
        status: 401,
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      };
    case 'anthropic':
      // OAuth tokens (Claude subscriptions) come as a bearer token instead of x-api-key.
      if (!nonEmpty(headers['x-api-key']) && !hasBearer(headers)) {
        return { status: 401, message: 'x-api-key header is required' };
      }
      if (!nonEmpty(headers['anthropic-version'])) {
        return { status: 400, message: 'anthropic-version: header is required' };
      }
      return undefined;
    case 'gemini':
      if (nonEmpty(headers['x-goog-api-key']) || hasBearer(headers) || hasKeyParameter(query)) return undefined;
      return {
        status: 403,
        message:
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      };
    case 'deepgram':
      // `Authorization: Token <key>`; temporary JWTs come as a bearer token.
      if (hasScheme(headers, 'Token ') || hasBearer(headers)) return undefined;
      return { status: 401, message: 'Invalid credentials.' };
    case 'assemblyai':
      // The key is the whole Authorization header, without a scheme.
      if (nonEmpty(headers.authorization)) return undefined;
      return { status: 401, message: 'Authentication error, API token missing/invalid' };
    default: {
      /** @type {never} */
      const unknownKind = kind;
      throw new Error(`unknown auth kind ${String(unknownKind)}`);
    }
  }
}

/** @param {import('node:http').IncomingHttpHeaders} headers */
function hasBearer(headers) {
  return hasScheme(headers, 'Bearer ');
}

/** @param {import('node:http').IncomingHttpHeaders} headers @param {string} scheme with its trailing space */
function hasScheme(headers, scheme) {
  const authorization = headers.authorization;
  return authorization?.startsWith(scheme) === true && authorization.slice(scheme.length).trim() !== '';
}

/** @param {string | string[] | undefined} value */
function nonEmpty(value) {
  return typeof value === 'string' ? value !== '' : Array.isArray(value) && value.length > 0;
}

/** @param {string} query */
function hasKeyParameter(query) {
  return query !== '' && nonEmpty(new URLSearchParams(query).get('key') ?? undefined);
}
