import type { RedisLink } from '../cluster/redis-link.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { Storage } from '../storage/database.js';
import type { SecretBox } from '../storage/secret-box.js';
import type { BackupService } from './backup-service.js';
import type { GatewayLifecycle } from './gateway-supervisor.js';

/** What the operations routes (health, diagnostics, backups, restart) need beyond the usual admin dependencies. */
export interface OperationsContext {
  config: Config;
  logger: Logger;
  storage: Storage;
  /** SQLite only: a PostgreSQL database is backed up with PostgreSQL's own tools (pg_dump). */
  backups: BackupService | undefined;
  lifecycle: GatewayLifecycle;
  /** Opens sealed secrets: an imported database must be readable with this installation's key. */
  secrets: SecretBox;
  /** The Redis connection shared state goes through (`REDIS_URL`), if any. */
  redis?: RedisLink;
  /** When this gateway instance started (a restart resets it). */
  startedAt: number;
}
