import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../core/errors.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { DashboardSessionsRepository } from '../storage/repositories/dashboard-sessions-repository.js';
import type { ClientIdentity } from './key-index.js';
import { hashSessionToken, sessionCookieName } from './login-session.js';
import { presentedKey } from './presented-key.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The client key that authenticated this request, if any. */
    identity?: ClientIdentity;
  }
}

/**
 * Client routes: with REQUIRE_API_KEY a valid key is mandatory; without it, a valid key still identifies the caller
 * (for usage attribution) and anything else passes as anonymous, since SDKs insist on sending some key.
 */
export function clientAuth(state: RuntimeState, requireApiKey: () => boolean) {
  return async (request: FastifyRequest): Promise<void> => {
    const key = presentedKey(request.headers, request.query);
    const identity = key === undefined ? undefined : state.keys.lookup(key);
    if (identity === undefined && requireApiKey()) {
      throw key === undefined
        ? new GatewayError('missing_api_key', 'An API key is required: send it as Authorization: Bearer <key>.')
        : new GatewayError('invalid_api_key', 'The API key is not valid or has been revoked.');
    }
    request.identity = identity;
  };
}

/**
 * Management routes (/api/*): a live dashboard session cookie, or a key with the `manage` scope.
 * Cookie-authenticated requests that change state must come from our own origin (a cross-site form or script
 * cannot ride the cookie).
 */
export function managementAuth(state: RuntimeState, sessions: DashboardSessionsRepository) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = request.cookies[sessionCookieName];
    if (token !== undefined && (await sessions.isValid(hashSessionToken(token), Date.now()))) {
      if (request.method !== 'GET' && request.method !== 'HEAD') assertSameOrigin(request);
      return;
    }
    const key = presentedKey(request.headers, undefined);
    if (key !== undefined) {
      const identity = state.keys.lookup(key);
      if (identity === undefined)
        throw new GatewayError('invalid_api_key', 'The API key is not valid or has been revoked.');
      if (!identity.scopes.includes('manage')) {
        throw new GatewayError(
          'forbidden',
          "This key may call the AI endpoints only; management needs a key with the 'manage' scope.",
        );
      }
      request.identity = identity;
      return;
    }
    throw new GatewayError('not_logged_in', 'Log in (POST /api/auth/login) or send a key with the manage scope.');
  };
}

function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new GatewayError('forbidden', 'Cross-site request refused (malformed Origin header).');
  }
  if (host !== request.headers.host) throw new GatewayError('forbidden', `Cross-site request from ${origin} refused.`);
}
