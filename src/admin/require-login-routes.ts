import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SettingsService } from '../settings/settings-service.js';
import { parseInput } from './parse-input.js';

const requireLoginSchema = z.object({ requireLogin: z.boolean() }).strict();

/**
 * `GET/PUT /api/settings/require-login`. With login not required, management answers requests from this machine
 * (loopback) without a cookie or key; from anywhere else it still needs one.
 */
export async function registerRequireLoginRoutes(
  app: FastifyInstance,
  { settings }: { settings: SettingsService },
): Promise<void> {
  app.get('/api/settings/require-login', async () => ({ requireLogin: settings.value.requireLogin }));

  app.put('/api/settings/require-login', async (request) => {
    const { requireLogin } = parseInput(requireLoginSchema, request.body);
    const updated = await settings.update({ requireLogin }, 'patch');
    return { requireLogin: updated.requireLogin };
  });
}
