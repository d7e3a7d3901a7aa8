import { KeyIndex } from '../auth/key-index.js';
import { providerCatalog } from '../providers/catalog/index.js';
import { buildConfigSnapshot, type ConfigSnapshot } from '../routing/config-snapshot.js';
import type { Repositories } from '../storage/repositories.js';

/**
 * The in-memory view of configuration that requests read: routing snapshot and client-key index. Reloaded after
 * every change made through this process, and when another process (the `omniroute keys` command, another gateway)
 * commits to the same database (the server wires `Storage.watchChanges` to `reload`).
 */
export class RuntimeState {
  private current: ConfigSnapshot = buildConfigSnapshot({ catalog: providerCatalog, nodes: [], connections: [] });
  readonly keys = new KeyIndex();
  private reloading: Promise<void> | undefined;

  constructor(private readonly repositories: Repositories) {}

  get snapshot(): ConfigSnapshot {
    return this.current;
  }

  async reload(): Promise<void> {
    // Coalesce bursts of changes into one rebuild at a time.
    while (this.reloading) await this.reloading;
    this.reloading = this.rebuild().finally(() => {
      this.reloading = undefined;
    });
    await this.reloading;
  }

  private async rebuild(): Promise<void> {
    const [nodes, connections, keys, aliases, combos, providerModels] = await Promise.all([
      this.repositories.providerNodes.list(),
      this.repositories.connections.list(),
      this.repositories.apiKeys.list(),
      this.repositories.aliases.list(),
      this.repositories.combos.list(),
      this.repositories.providerModels.list(),
    ]);
    this.current = buildConfigSnapshot({
      catalog: providerCatalog,
      nodes,
      connections,
      aliases,
      combos,
      providerModels,
    });
    this.keys.replaceAll(keys);
  }
}
