import type BetterSqlite3 from 'better-sqlite3';
import { KeyIndex } from '../auth/key-index.js';
import type { Logger } from '../observability/logger.js';
import { providerCatalog } from '../providers/catalog/index.js';
import { buildConfigSnapshot, type ConfigSnapshot } from '../routing/config-snapshot.js';
import type { Repositories } from '../storage/repositories.js';

/**
 * The in-memory view of configuration that requests read: routing snapshot and client-key index. Reloaded after
 * every change made through this process, and when another process (the `omniroute keys` command, say) commits to
 * the same database, detected cheaply with SQLite's `PRAGMA data_version`.
 */
export class RuntimeState {
  private current: ConfigSnapshot = buildConfigSnapshot({ catalog: providerCatalog, nodes: [], connections: [] });
  readonly keys = new KeyIndex();
  private watcher: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;

  constructor(
    private readonly repositories: Repositories,
    private readonly logger: Logger,
  ) {}

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

  watch(sqlite: BetterSqlite3.Database, intervalMs = 1000): void {
    let version = sqlite.pragma('data_version', { simple: true });
    this.watcher = setInterval(() => {
      const next = sqlite.pragma('data_version', { simple: true });
      if (next === version) return;
      version = next;
      this.reload().catch((error: unknown) => this.logger.error({ err: error }, 'reloading configuration failed'));
    }, intervalMs);
    this.watcher.unref();
  }

  stop(): void {
    clearInterval(this.watcher);
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
