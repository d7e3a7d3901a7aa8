import type { Storage } from './database.js';
import { AliasesRepository } from './repositories/aliases-repository.js';
import { ApiKeysRepository } from './repositories/api-keys-repository.js';
import { AuditLogRepository } from './repositories/audit-log-repository.js';
import { CombosRepository } from './repositories/combos-repository.js';
import { ConnectionsRepository } from './repositories/connections-repository.js';
import { DashboardSessionsRepository } from './repositories/dashboard-sessions-repository.js';
import { EvalRunsRepository } from './repositories/eval-runs-repository.js';
import { EvalSuitesRepository } from './repositories/eval-suites-repository.js';
import { KeyBudgetsRepository } from './repositories/key-budgets-repository.js';
import { OAuthTokensRepository } from './repositories/oauth-tokens-repository.js';
import { PoliciesRepository } from './repositories/policies-repository.js';
import { ProviderModelsRepository } from './repositories/provider-models-repository.js';
import { ProviderNodesRepository } from './repositories/provider-nodes-repository.js';
import { RequestLogBodiesRepository } from './repositories/request-log-bodies-repository.js';
import { RequestLogsRepository } from './repositories/request-logs-repository.js';
import { ResponseCacheRepository } from './repositories/response-cache-repository.js';
import { SettingsRepository } from './repositories/settings-repository.js';
import { StoredResponsesRepository } from './repositories/stored-responses-repository.js';
import { UsageRepository } from './repositories/usage-repository.js';
import type { SecretBox } from './secret-box.js';

/** Every repository over one storage backend: what callers depend on, whatever the engine. */
export interface Repositories {
  settings: SettingsRepository;
  connections: ConnectionsRepository;
  providerNodes: ProviderNodesRepository;
  apiKeys: ApiKeysRepository;
  dashboardSessions: DashboardSessionsRepository;
  requestLogs: RequestLogsRepository;
  requestLogBodies: RequestLogBodiesRepository;
  /** Aggregates over request logs (usage history, totals). */
  usage: UsageRepository;
  storedResponses: StoredResponsesRepository;
  aliases: AliasesRepository;
  combos: CombosRepository;
  providerModels: ProviderModelsRepository;
  auditLog: AuditLogRepository;
  policies: PoliciesRepository;
  /** Spend budgets per client key and period. */
  keyBudgets: KeyBudgetsRepository;
  /** User eval suites (built-ins are data), and eval runs with their per-case results. */
  evalSuites: EvalSuitesRepository;
  evalRuns: EvalRunsRepository;
  /** The response cache's database tier. */
  responseCache: ResponseCacheRepository;
  /** Tokens, state and quota windows of subscription (OAuth) accounts. */
  oauthTokens: OAuthTokensRepository;
}

export function createRepositories(storage: Storage, secrets: SecretBox): Repositories {
  const { db } = storage;
  return {
    settings: new SettingsRepository(db),
    connections: new ConnectionsRepository(db, secrets),
    providerNodes: new ProviderNodesRepository(db),
    apiKeys: new ApiKeysRepository(db),
    dashboardSessions: new DashboardSessionsRepository(db),
    requestLogs: new RequestLogsRepository(db),
    requestLogBodies: new RequestLogBodiesRepository(db),
    usage: new UsageRepository(db),
    storedResponses: new StoredResponsesRepository(db),
    aliases: new AliasesRepository(db),
    combos: new CombosRepository(db),
    providerModels: new ProviderModelsRepository(db),
    auditLog: new AuditLogRepository(db),
    policies: new PoliciesRepository(db),
    keyBudgets: new KeyBudgetsRepository(db),
    evalSuites: new EvalSuitesRepository(db),
    evalRuns: new EvalRunsRepository(db),
    responseCache: new ResponseCacheRepository(db),
    oauthTokens: new OAuthTokensRepository(db, secrets),
  };
}
