import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import { auditRequest } from '../audit/request-audit.js';
import { sessionCookieName } from '../auth/login-session.js';
import type { LoginOutcome, LoginThrottle } from '../auth/login-throttle.js';
import { verifyPassword } from '../auth/password.js';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import type { SessionStore } from '../auth/session-store.js';
import { GatewayError } from '../core/errors.js';
import { clientAddress } from '../http/client-address.js';
import type { Repositories } from '../storage/repositories.js';
import { parseInput } from './parse-input.js';

export const passwordHashSetting = 'auth.passwordHash';

export const loginSchema = z.object({ password: z.string().min(1) }).strict();

export interface AuthRoutesOptions {
  repositories: Repositories;
  sessions: SessionStore;
  loginThrottle: LoginThrottle;
  audit: AuditLog;
}

/**
 * Dashboard login: a password checked against its scrypt hash, answered with an httpOnly session cookie. Every
 * attempt is audited; failures per IP are throttled (429 with Retry-After) before the password is even checked.
 */
export async function registerAuthRoutes(
  app: FastifyInstance,
  { repositories, sessions, loginThrottle, audit }: AuthRoutesOptions,
): Promise<void> {
  const record = (request: FastifyRequest, action: 'login.success' | 'login.failure', details?: unknown) =>
    auditRequest(audit, request, { action, actor: action === 'login.success' ? 'dashboard' : 'anonymous', details });

  app.post('/api/auth/login', async (request, reply) => {
    const ip = clientAddress(request);
    const waitSeconds = loginThrottle.begin(ip);
    if (waitSeconds !== undefined) {
      record(request, 'login.failure', { reason: 'too_many_attempts', retryAfterSeconds: waitSeconds });
      throw new GatewayError('rate_limited', `Too many failed logins; try again in ${waitSeconds} s.`, {
        retryAfterSeconds: waitSeconds,
      });
    }
    let outcome: LoginOutcome = 'aborted';
    let reason = 'invalid_input';
    try {
      const { password } = parseInput(loginSchema, request.body);
      reason = 'error';
      const stored = await repositories.settings.get(passwordHashSetting);
      if (typeof stored !== 'string') {
        reason = 'no_password_set';
        throw new GatewayError(
          'invalid_password',
          'No dashboard password is set yet: start OmniRoute with INITIAL_PASSWORD.',
        );
      }
      if (!(await verifyPassword(password, stored))) {
        outcome = 'failure';
        reason = 'wrong_password';
        throw new GatewayError('invalid_password', 'Wrong password.');
      }
      outcome = 'success';
      const { token, expiresAt } = await sessions.start();
      setSessionCookie(request, reply, token, expiresAt);
      return { ok: true, expiresAt: new Date(expiresAt).toISOString() };
    } finally {
      loginThrottle.end(ip, outcome);
      if (outcome === 'success') record(request, 'login.success');
      else record(request, 'login.failure', { reason });
    }
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const token = request.cookies[sessionCookieName];
    if (token !== undefined) {
      await sessions.end(token);
      auditRequest(audit, request, { action: 'logout', actor: 'dashboard' });
    }
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });
}
