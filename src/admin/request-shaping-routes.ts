import type { FastifyInstance } from 'fastify';
import type { AppSettings } from '../settings/app-settings.js';
import type { SettingsService } from '../settings/settings-service.js';

type Section = 'ipFilter' | 'systemPrompt' | 'thinkingBudget';

const sections: Array<{ path: string; section: Section }> = [
  { path: '/api/settings/ip-filter', section: 'ipFilter' },
  { path: '/api/settings/system-prompt', section: 'systemPrompt' },
  { path: '/api/settings/thinking-budget', section: 'thinkingBudget' },
];

/**
 * `GET/PUT /api/settings/{ip-filter,system-prompt,thinking-budget}`: one settings section each, the same data as
 * under `/api/settings`. A PUT merges into the section (omitted fields keep their value) and is validated with
 * the section's schema; the 400 names the field (`ipFilter.allowlist.1`).
 */
export async function registerRequestShapingRoutes(
  app: FastifyInstance,
  { settings }: { settings: SettingsService },
): Promise<void> {
  for (const { path, section } of sections) {
    app.get(path, async () => settings.value[section]);
    app.put(path, async (request) => {
      const updated: AppSettings = await settings.update({ [section]: request.body ?? {} }, 'patch');
      return updated[section];
    });
  }
}
