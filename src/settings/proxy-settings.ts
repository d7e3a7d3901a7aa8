import { z } from 'zod';
import type { SettingsRepository } from '../storage/repositories/settings-repository.js';
import type { SecretBox } from '../storage/secret-box.js';
import type { GlobalProxySettings } from '../upstream/proxy-selector.js';

const storageKey = 'proxy';

export interface ProxySettings extends GlobalProxySettings {
  url: string | null;
  noProxy: string[];
}

export const defaultProxySettings: ProxySettings = { url: null, noProxy: [] };

/** As stored: the URL sealed (AES-256-GCM, like provider keys), since it may carry the proxy's password. */
const storedSchema = z.object({ url: z.string().nullable(), noProxy: z.array(z.string()) });

type Listener = (settings: ProxySettings) => void;

/**
 * The global upstream proxy (`/api/settings/proxy`). Kept apart from the plain settings sections so its credentials
 * are encrypted at rest and never appear in `GET /api/settings`. Held in memory; listeners (the upstream client's
 * proxy selector) are told of every change.
 */
export class ProxySettingsStore {
  private current: ProxySettings = defaultProxySettings;
  private readonly listeners: Listener[] = [];

  constructor(
    private readonly repository: SettingsRepository,
    private readonly secrets: SecretBox,
  ) {}

  async load(): Promise<void> {
    const parsed = storedSchema.safeParse(await this.repository.get(storageKey));
    if (!parsed.success) return;
    let url: string | null = null;
    try {
      url = parsed.data.url === null ? null : this.secrets.open(parsed.data.url);
    } catch {
      // Sealed with another key (data folder moved without its key): treat as unset rather than refuse to start.
      url = null;
    }
    this.current = { url, noProxy: parsed.data.noProxy };
    this.notify();
  }

  get value(): ProxySettings {
    return this.current;
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
    listener(this.current);
  }

  async save(next: ProxySettings): Promise<ProxySettings> {
    await this.repository.set(storageKey, {
      url: next.url === null ? null : this.secrets.seal(next.url),
      noProxy: next.noProxy,
    });
    this.current = next;
    this.notify();
    return next;
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.current);
  }
}
