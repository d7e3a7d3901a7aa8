import type { FastifyInstance } from 'fastify';
import { packageVersion } from '../cli/version.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { passwordHashSetting } from './auth-routes.js';

/**
 * `GET /api/init`, public: what the dashboard's onboarding needs before anyone logs in. Counts and flags only,
 * nothing an anonymous visitor could use (no names, ids, URLs or keys).
 */
export async function registerInitRoutes(
  app: FastifyInstance,
  { repositories, settings, state }: { repositories: Repositories; settings: SettingsService; state: RuntimeState },
): Promise<void> {
  app.get('/api/init', async () => ({
    passwordSet: (await repositories.settings.get(passwordHashSetting)) !== undefined,
    requireLogin: settings.value.requireLogin,
    providers: (await repositories.connections.list()).length,
    keys: state.keys.size,
    version: packageVersion,
  }));
}
