import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as storedResponses from './0002-stored-responses.js';
import * as routing from './0003-routing.js';
import * as auditLog from './0004-audit-log.js';
import * as providerModels from './0005-provider-models.js';
import * as policies from './0006-policies.js';
import * as usageAccounting from './0007-usage-accounting.js';
import * as keyGovernance from './0008-key-governance.js';
import * as responseCache from './0009-response-cache.js';
import * as oauthAccounts from './0010-oauth-accounts.js';
import * as evals from './0011-evals.js';
import * as audioUsage from './0012-audio-usage.js';
import * as cloudSync from './0013-cloud-sync.js';

/**
 * Numbered migrations, applied in order at start. Never edit a shipped migration: add the next number.
 * Kept as static imports (not a folder scan) so the built package needs no file-system discovery.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-stored-responses': storedResponses,
  '0003-routing': routing,
  '0004-audit-log': auditLog,
  '0005-provider-models': providerModels,
  '0006-policies': policies,
  '0007-usage-accounting': usageAccounting,
  '0008-key-governance': keyGovernance,
  '0009-response-cache': responseCache,
  '0010-oauth-accounts': oauthAccounts,
  '0011-evals': evals,
  '0012-audio-usage': audioUsage,
  '0013-cloud-sync': cloudSync,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export const latestMigration = Object.keys(migrations).at(-1);
