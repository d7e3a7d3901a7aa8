import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import { auditRequest, requestActor } from '../audit/request-audit.js';
import { sessionCookieName } from '../auth/login-session.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { SessionStore } from '../auth/session-store.js';
import { GatewayError } from '../core/errors.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Repositories } from '../storage/repositories.js';
import { passwordHashSetting } from './auth-routes.js';
import { parseInput } from './parse-input.js';

const passwordChangeSchema = z
  .object({ currentPassword: z.string().min(1), newPassword: z.string().min(8, 'must be at least 8 characters') })
  .strict();

interface SettingsRoutesOptions {
  settings: SettingsService;
  repositories: Repositories;
  sessions: SessionStore;
  audit: AuditLog;
}

/**
 * `GET/PUT/PATCH /api/settings`. A body with `newPassword` changes the dashboard password (with `currentPassword`)
 * and ends every other dashboard session; the password hash itself is never part of the settings view.
 */
export async function registerSettingsRoutes(
  app: FastifyInstance,
  { settings, repositories, sessions, audit }: SettingsRoutesOptions,
): Promise<void> {
  app.get('/api/settings', async () => settings.value);

  const update = (mode: 'put' | 'patch') => async (request: FastifyRequest) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { currentPassword, newPassword, ...rest } = body;
    if (newPassword !== undefined || currentPassword !== undefined) {
      const input = parseInput(passwordChangeSchema, { currentPassword, newPassword });
      if (!(await changePassword(repositories, input))) {
        auditRequest(audit, request, { action: 'password.change_failed', details: { reason: 'wrong_password' } });
        throw new GatewayError('invalid_password', 'The current password is wrong.', { param: 'currentPassword' });
      }
      // Whoever held the old password may hold a session: only the session making the change survives it.
      const keep = requestActor(request) === 'dashboard' ? request.cookies[sessionCookieName] : undefined;
      const endedSessions = await sessions.endOthers(keep);
      auditRequest(audit, request, { action: 'password.change', details: { endedSessions } });
    }
    return Object.keys(rest).length === 0 ? settings.value : settings.update(rest, mode);
  };
  app.put('/api/settings', update('put'));
  app.patch('/api/settings', update('patch'));
}

/** Stores the new password's hash; false (nothing changed) when the current password is wrong. */
async function changePassword(
  repositories: Repositories,
  input: { currentPassword: string; newPassword: string },
): Promise<boolean> {
  const stored = await repositories.settings.get(passwordHashSetting);
  if (typeof stored === 'string' && !(await verifyPassword(input.currentPassword, stored))) return false;
  await repositories.settings.set(passwordHashSetting, await hashPassword(input.newPassword));
  return true;
}
