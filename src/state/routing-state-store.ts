import type { Logger } from '../observability/logger.js';
import {
  defaultResilienceSettings,
  type ResilienceSettings,
  resilienceSettingsSchema,
} from '../routing/resilience/resilience-settings.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import { defaultRoutingSettings, type RoutingSettings, routingSettingsSchema } from '../routing/routing-settings.js';
import type { SettingsRepository } from '../storage/repositories/settings-repository.js';

const keys = { routing: 'routing', resilience: 'resilience', state: 'resilience.state' } as const;

/**
 * Persists routing settings and the resilience state (cooldowns, breakers, lockouts) so they survive a restart.
 * State changes are written at most once a second, off the request path, and once more at shutdown.
 */
export class RoutingStateStore {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: SettingsRepository,
    private readonly runtime: RoutingRuntime,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<void> {
    const routing = routingSettingsSchema.safeParse({
      ...defaultRoutingSettings,
      ...asObject(await this.settings.get(keys.routing)),
    });
    const resilience = resilienceSettingsSchema.safeParse(
      deepMerge(defaultResilienceSettings, asObject(await this.settings.get(keys.resilience))),
    );
    if (!routing.success || !resilience.success)
      this.logger.warn('stored routing settings are invalid; using defaults');
    this.runtime.configure(
      routing.success ? routing.data : defaultRoutingSettings,
      resilience.success ? resilience.data : defaultResilienceSettings,
    );
    this.runtime.restore(await this.settings.get(keys.state));
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => this.logger.error({ err: error }, 'saving resilience state failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (!this.runtime.dirty) return;
    this.runtime.dirty = false;
    await this.settings.set(keys.state, this.runtime.toJSON());
  }

  async saveSettings(routing: RoutingSettings, resilience: ResilienceSettings): Promise<void> {
    await this.settings.set(keys.routing, routing);
    await this.settings.set(keys.resilience, resilience);
    this.runtime.configure(routing, resilience);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function deepMerge(base: object, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    merged[key] =
      typeof current === 'object' && current !== null && typeof value === 'object' && value !== null
        ? deepMerge(current, value as Record<string, unknown>)
        : value;
  }
  return merged;
}
