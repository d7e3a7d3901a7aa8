import { GatewayError } from '../core/errors.js';
import type { SettingsRepository } from '../storage/repositories/settings-repository.js';
import { type AppSettings, appSettingsSchema, defaultAppSettings } from './app-settings.js';

const storageKey = 'app';

type Listener = (settings: AppSettings) => void;

/**
 * Holds the settings in memory (requests read them without a query) and persists every validated change.
 * PUT replaces sections wholesale, PATCH merges objects one level deep; both reject unknown keys by name.
 */
export class SettingsService {
  private current: AppSettings = defaultAppSettings;
  private readonly listeners: Listener[] = [];

  constructor(private readonly repository: SettingsRepository) {}

  async load(): Promise<void> {
    const stored = await this.repository.get(storageKey);
    const merged = mergeSections(defaultAppSettings, isObject(stored) ? stored : {});
    const parsed = appSettingsSchema.safeParse(merged);
    // Settings written by a newer version may hold unknown keys: keep what this version understands.
    this.current = parsed.success ? parsed.data : stripUnknown(merged);
  }

  get value(): AppSettings {
    return this.current;
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  async update(patch: unknown, mode: 'put' | 'patch'): Promise<AppSettings> {
    if (!isObject(patch)) throw new GatewayError('invalid_request', 'Settings must be a JSON object.');
    const next = mode === 'put' ? { ...this.current, ...patch } : mergeSections(this.current, patch);
    const parsed = appSettingsSchema.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]].join('.') : (issue?.path.join('.') ?? '');
      const message = issue?.code === 'unrecognized_keys' ? 'unknown setting' : (issue?.message ?? 'invalid');
      throw new GatewayError('invalid_request', `Invalid setting '${field}': ${message}`, { param: field });
    }
    await this.repository.set(storageKey, parsed.data);
    this.current = parsed.data;
    for (const listener of this.listeners) listener(parsed.data);
    return parsed.data;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeSections(base: object, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? { ...current, ...value } : value;
  }
  return merged;
}

function stripUnknown(value: Record<string, unknown>): AppSettings {
  const known = Object.fromEntries(Object.keys(defaultAppSettings).map((key) => [key, value[key]]));
  const parsed = appSettingsSchema.safeParse(known);
  return parsed.success ? parsed.data : defaultAppSettings;
}
