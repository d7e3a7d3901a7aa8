import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { GatewayError } from '../core/errors.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Repositories } from '../storage/repositories.js';
import { passwordHashSetting } from './auth-routes.js';
import { parseInput } from './parse-input.js';

const passwordChangeSchema = z
  .object({ currentPassword: z.string().min(1), newPassword: z.string().min(8, 'must be at least 8 characters') })
  .strict();

/**
 * `GET/PUT/PATCH /api/settings`. A body with `newPassword` changes the dashboard password (with `currentPassword`);
 * the password hash itself is never part of the settings view.
 */
export async function registerSettingsRoutes(
  app: FastifyInstance,
  { settings, repositories }: { settings: SettingsService; repositories: Repositories },
): Promise<void> {
  app.get('/api/settings', async () => settings.value);

  const update = (mode: 'put' | 'patch') => async (request: { body: unknown }) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { currentPassword, newPassword, ...rest } = body;
    if (newPassword !== undefined || currentPassword !== undefined) {
      await changePassword(repositories, parseInput(passwordChangeSchema, { currentPassword, newPassword }));
    }
    return Object.keys(rest).length === 0 ? settings.value : settings.update(rest, mode);
  };
  app.put('/api/settings', update('put'));
  app.patch('/api/settings', update('patch'));
}

async function changePassword(
  repositories: Repositories,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const stored = await repositories.settings.get(passwordHashSetting);
  if (typeof stored === 'string' && !(await verifyPassword(input.currentPassword, stored))) {
    throw new GatewayError('invalid_password', 'The current password is wrong.', { param: 'currentPassword' });
  }
  await repositories.settings.set(passwordHashSetting, await hashPassword(input.newPassword));
}
