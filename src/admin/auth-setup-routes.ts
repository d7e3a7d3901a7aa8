import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import { auditRequest } from '../audit/request-audit.js';
import { hashPassword } from '../auth/password.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import type { SessionStore } from '../auth/session-store.js';
import { GatewayError } from '../core/errors.js';
import { clientAddress, isLoopbackAddress } from '../http/client-address.js';
import type { Repositories } from '../storage/repositories.js';
import { passwordHashSetting } from './auth-routes.js';
import { parseInput } from './parse-input.js';

const setupSchema = z.object({ password: z.string().min(8, 'must be at least 8 characters') }).strict();

export interface AuthSetupRoutesOptions {
  repositories: Repositories;
  sessions: SessionStore;
  audit: AuditLog;
}

/**
 * `POST /api/auth/setup {password}`, public: the dashboard's first-run step when no password exists yet (no
 * INITIAL_PASSWORD). It sets the password and logs the caller in. Once a password exists it answers 409, so it can
 * never replace one. Only a client on this machine may claim a fresh install: on a gateway reachable from the
 * network, anyone could otherwise race the owner to it (remote installs use INITIAL_PASSWORD).
 */
export async function registerAuthSetupRoutes(
  app: FastifyInstance,
  { repositories, sessions, audit }: AuthSetupRoutesOptions,
): Promise<void> {
  // Check-then-set must not interleave: two simultaneous first-run requests would both see "no password".
  let pending: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = pending.then(task, task);
    pending = run.catch(() => undefined);
    return run;
  };

  app.post('/api/auth/setup', async (request, reply) => {
    const { password } = parseInput(setupSchema, request.body);
    if (!isLoopbackAddress(clientAddress(request))) {
      throw new GatewayError(
        'forbidden',
        'The first password can only be set from the machine OmniRoute runs on (or start it with INITIAL_PASSWORD).',
      );
    }
    await exclusive(async () => {
      if ((await repositories.settings.get(passwordHashSetting)) !== undefined) {
        throw new GatewayError('conflict', 'A dashboard password is already set: log in instead.');
      }
      await repositories.settings.set(passwordHashSetting, await hashPassword(password));
    });
    auditRequest(audit, request, { action: 'password.setup', actor: 'dashboard' });
    const { token, expiresAt } = await sessions.start();
    setSessionCookie(request, reply, token, expiresAt);
    return reply.code(201).send({ ok: true, expiresAt: new Date(expiresAt).toISOString() });
  });
}
