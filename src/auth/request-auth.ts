import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/audit-log.js';
import { auditRequest, setRequestActor } from '../audit/request-audit.js';
import { GatewayError } from '../core/errors.js';
import { clientAddress, isLoopbackAddress } from '../http/client-address.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ClientIdentity } from './key-index.js';
import { sessionCookieName } from './login-session.js';
import { presentedKey } from './presented-key.js';
import { setSessionCookie } from './session-cookie.js';
import type { SessionStore } from './session-store.js';

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

export interface ManagementAuthOptions {
  state: RuntimeState;
  sessions: SessionStore;
  settings: SettingsService;
  audit: AuditLog;
}

/**
 * Management routes (/api/*): a live dashboard session cookie (renewed when past half its lifetime), or a key with
 * the `manage` scope. With `requireLogin` off, a request from this machine needs neither. Cookie and credential-less
 * requests that change state must not come from another site: a cross-site form or script cannot ride the cookie
 * or the loopback trust. Key-authenticated scripts send no Origin and are not affected.
 */
export function managementAuth({ state, sessions, settings, audit }: ManagementAuthOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = request.cookies[sessionCookieName];
    if (token !== undefined) {
      const session = await sessions.check(token);
      if (session.valid) {
        setRequestActor(request, 'dashboard');
        assertSameSite(request, audit);
        if (session.renewedUntil !== undefined) setSessionCookie(request, reply, token, session.renewedUntil);
        return;
      }
    }
    const key = presentedKey(request.headers, undefined);
    if (key !== undefined) {
      const identity = state.keys.lookup(key);
      if (identity === undefined)
        throw new GatewayError('invalid_api_key', 'The API key is not valid or has been revoked.');
      request.identity = identity;
      setRequestActor(request, `key:${identity.keyName}`);
      if (!identity.scopes.includes('manage')) {
        auditRequest(audit, request, {
          action: 'request.blocked',
          details: { reason: 'scope', route: routeOf(request) },
        });
        throw new GatewayError(
          'forbidden',
          "This key may call the AI endpoints only; management needs a key with the 'manage' scope.",
        );
      }
      return;
    }
    if (!settings.value.requireLogin && isLocalRequest(request)) {
      setRequestActor(request, 'anonymous');
      assertSameSite(request, audit);
      return;
    }
    throw new GatewayError('not_logged_in', 'Log in (POST /api/auth/login) or send a key with the manage scope.');
  };
}

/**
 * From this machine, to a loopback host name. The Host check stops DNS rebinding: a web page whose domain is made
 * to resolve to 127.0.0.1 still sends its own name as Host.
 */
function isLocalRequest(request: FastifyRequest): boolean {
  if (!isLoopbackAddress(clientAddress(request))) return false;
  const host = request.headers.host;
  if (host === undefined) return true;
  const hostname = host
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  return hostname === 'localhost' || hostname.endsWith('.localhost') || isLoopbackAddress(hostname);
}

/** State-changing requests must come from our own origin: the Origin header, else the browser's Sec-Fetch-Site. */
function assertSameSite(request: FastifyRequest, audit: AuditLog): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  const origin = request.headers.origin;
  let refusal: string | undefined;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      refusal = 'Cross-site request refused (malformed Origin header).';
    }
    if (host !== undefined && host !== request.headers.host) refusal = `Cross-site request from ${origin} refused.`;
  }
  if (refusal === undefined && request.headers['sec-fetch-site'] === 'cross-site') {
    refusal = 'Cross-site request refused (Sec-Fetch-Site: cross-site).';
  }
  if (refusal === undefined) return;
  auditRequest(audit, request, {
    action: 'request.blocked',
    details: { reason: 'cross-site', route: routeOf(request), origin: origin ?? null },
  });
  throw new GatewayError('forbidden', refusal);
}

const routeOf = (request: FastifyRequest) => `${request.method} ${request.url.split('?', 1)[0]}`;
