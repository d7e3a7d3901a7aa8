import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hashSessionToken, newSessionToken, sessionCookieName, sessionLifetimeMs } from '../auth/login-session.js';
import { verifyPassword } from '../auth/password.js';
import { GatewayError } from '../core/errors.js';
import type { Repositories } from '../storage/repositories.js';
import { parseInput } from './parse-input.js';

export const passwordHashSetting = 'auth.passwordHash';

const loginSchema = z.object({ password: z.string().min(1) }).strict();

/** Dashboard login: a password checked against its scrypt hash, answered with an httpOnly session cookie. */
export async function registerAuthRoutes(
  app: FastifyInstance,
  { repositories }: { repositories: Repositories },
): Promise<void> {
  app.post('/api/auth/login', async (request, reply) => {
    const { password } = parseInput(loginSchema, request.body);
    const stored = await repositories.settings.get(passwordHashSetting);
    if (typeof stored !== 'string') {
      throw new GatewayError(
        'invalid_password',
        'No dashboard password is set yet: start OmniRoute with INITIAL_PASSWORD.',
      );
    }
    if (!(await verifyPassword(password, stored))) throw new GatewayError('invalid_password', 'Wrong password.');
    const token = newSessionToken();
    const expiresAt = Date.now() + sessionLifetimeMs;
    await repositories.dashboardSessions.deleteExpired(Date.now());
    await repositories.dashboardSessions.create(hashSessionToken(token), expiresAt);
    void reply.setCookie(sessionCookieName, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      path: '/',
      expires: new Date(expiresAt),
    });
    return { ok: true, expiresAt: new Date(expiresAt).toISOString() };
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const token = request.cookies[sessionCookieName];
    if (token !== undefined) await repositories.dashboardSessions.delete(hashSessionToken(token));
    void reply.clearCookie(sessionCookieName, { path: '/' });
    return reply.code(204).send();
  });
}
