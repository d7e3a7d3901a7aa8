import { passwordHashSetting } from '../admin/auth-routes.js';
import type { SettingsRepository } from '../storage/repositories/settings-repository.js';
import { hashPassword } from './password.js';

/**
 * On first run, INITIAL_PASSWORD becomes the dashboard password. Later runs keep the stored one: changing the
 * environment variable never silently resets a password set (or changed) since.
 */
export async function ensurePassword(
  settings: SettingsRepository,
  initialPassword: string | undefined,
): Promise<boolean> {
  if ((await settings.get(passwordHashSetting)) !== undefined) return true;
  if (initialPassword === undefined) return false;
  await settings.set(passwordHashSetting, await hashPassword(initialPassword));
  return true;
}
