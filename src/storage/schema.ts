import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them. Times are unix milliseconds; booleans are 0/1 integers (portable). */
export interface Database {
  settings: SettingsTable;
  provider_nodes: ProviderNodesTable;
  connections: ConnectionsTable;
  api_keys: ApiKeysTable;
  dashboard_sessions: DashboardSessionsTable;
  request_logs: RequestLogsTable;
  stored_responses: StoredResponsesTable;
  model_aliases: ModelAliasesTable;
  combos: CombosTable;
  provider_models: ProviderModelsTable;
  request_log_bodies: RequestLogBodiesTable;
  audit_log: AuditLogTable;
  policies: PoliciesTable;
  key_budgets: KeyBudgetsTable;
  eval_suites: EvalSuitesTable;
  eval_runs: EvalRunsTable;
  eval_results: EvalResultsTable;
  response_cache: ResponseCacheTable;
  sync_objects: SyncObjectsTable;
  sync_bundles: SyncBundlesTable;
  sync_tokens: SyncTokensTable;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface ProviderNodesTable {
  id: string;
  name: string;
  prefix: string;
  api_type: string;
  base_url: string;
  created_at: number;
  updated_at: number;
}

export interface ConnectionsTable {
  id: string;
  provider: string;
  name: string;
  auth_type: string;
  /** AES-256-GCM sealed credential (see secret-box.ts); null for keyless local providers. */
  secret: string | null;
  base_url: string | null;
  priority: number;
  is_active: number;
  created_at: number;
  updated_at: number;
  /** The last connection test (`POST /api/providers/:id/test`): 1 ok, 0 failed, null never tested. */
  test_ok: number | null;
  /** The upstream's HTTP status; null when no answer came (unreachable, timeout). */
  test_status: number | null;
  test_message: string | null;
  test_latency_ms: number | null;
  test_model: string | null;
  tested_at: number | null;
  /** Sealed proxy URL for this account's upstream calls (it may hold credentials); null: global or environment. */
  proxy_url: string | null;
  /** OAuth accounts: the sealed token set (refresh, id and second-level tokens); `secret` holds the access token. */
  oauth_tokens: string | null;
  /** OAuth accounts: when the access token expires (unix ms). */
  token_expires_at: number | null;
  /** OAuth accounts: 'active' or 'expired' (a refresh failed: reconnect). */
  oauth_status: string | null;
  oauth_reason: string | null;
  /** OAuth accounts: the account's email or id, when the provider tells it. */
  account: string | null;
  /** OAuth accounts: the quota windows the upstream last reported, as JSON. */
  quota: string | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  /** SHA-256 of the key; the key itself is shown once and never stored. */
  key_hash: string;
  /** The first characters of the key, to recognise it in lists. */
  key_prefix: string;
  scopes: string;
  created_at: number;
  revoked_at: number | null;
  /** Per-key policy (models, combos, IP allowlist, limits) as JSON; null: unrestricted. */
  policy: string | null;
  expires_at: number | null;
  disabled: number;
}

export interface DashboardSessionsTable {
  token_hash: string;
  created_at: number;
  expires_at: number;
}

export interface RequestLogsTable {
  id: Generated<number>;
  request_id: string;
  created_at: number;
  route: string;
  client_format: string;
  model_requested: string | null;
  provider: string | null;
  model: string | null;
  connection_id: string | null;
  api_key_id: string | null;
  status: number;
  latency_ms: number;
  ttft_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  streamed: number;
  error: string | null;
  combo: string | null;
  attempts: number | null;
  /** Cost in nano-USD (1e-9 USD): integers sum exactly and stay portable. Null on rows older than the column. */
  cost_nano_usd: number | null;
  /** 1 when a price was applied to reported usage; 0 for free, unpriced or usage-less requests (cost 0). */
  priced: number | null;
  /** Time spent waiting on upstreams (all attempts, until the answer was complete). */
  upstream_ms: number | null;
  /** Transcriptions: milliseconds of audio transcribed (the billed unit); null for other requests. */
  audio_ms: number | null;
  /** Response cache: 'hit', 'miss', 'bypass' (no-cache header) or 'idempotent' (a deduplicated repeat); null: not looked up. */
  cache_status: string | null;
  /** What a reused answer (cache hit, idempotent repeat) cost when it was first made, in nano-USD; its own cost is 0. */
  cost_saved_nano_usd: number | null;
}

/** Request and response bodies of one request, stored only when detailed logging is on (redacted, size-capped). */
export interface RequestLogBodiesTable {
  request_id: string;
  created_at: number;
  request_body: string | null;
  /** The JSON answer, or the stream's frames as sent to the client. */
  response_body: string | null;
  /** 1 when either body was cut at `maxBodyBytes`. */
  truncated: number;
}

/** The response cache's database tier: one canonical answer per cache key (see src/cache/). */
export interface ResponseCacheTable {
  /** sha256 of the key space (API key) and everything that determines the answer. */
  key: string;
  /** The cached answer as JSON (canonical response, who answered, its usage and cost). */
  answer: string;
  bytes: number;
  created_at: number;
  expires_at: number;
}

export interface StoredResponsesTable {
  id: string;
  created_at: number;
  /** The key that created it: a continuation is only served to the same key. */
  api_key_id: string | null;
  /** JSON array of Responses input items (the whole conversation before this answer). */
  input: string;
  /** JSON array of the answer's output items. */
  output: string;
}

export interface ModelAliasesTable {
  alias: string;
  target: string;
  created_at: number;
}

export interface CombosTable {
  id: string;
  name: string;
  strategy: string;
  /** JSON array of combo targets. */
  targets: string;
  /** JSON object of combo settings. */
  config: string;
  created_at: number;
  updated_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  created_at: number;
  /** Who: 'dashboard', 'key:<name>', 'cli', 'config-file', 'anonymous' (loopback without login). */
  actor: string;
  ip: string | null;
  /** What, dotted: 'login.failure', 'provider.update', 'settings.update', 'request.blocked'. */
  action: string;
  /** The object acted on (id or name), when there is one. */
  target: string | null;
  /** JSON: what changed (before/after for updates), secrets redacted. */
  details: string | null;
}

/** Per-model user settings: a custom model (custom = 1), a hidden model, a user price overriding the catalog's. */
export interface ProviderModelsTable {
  provider: string;
  model: string;
  custom: number;
  hidden: number;
  /** Custom models only: chat, embedding, image, transcription. */
  type: string | null;
  context_length: number | null;
  /** JSON of the user's price (USD per million tokens), overriding the catalog's; null when none. */
  pricing: string | null;
  created_at: number;
  updated_at: number;
}

export interface PoliciesTable {
  id: string;
  name: string;
  enabled: number;
  /** Lower numbers are evaluated first. */
  priority: number;
  /** JSON object: `{keys?, models?, providers?}`. */
  match: string;
  /** JSON object: `{type: 'block', message?} | {type: 'allow'} | {type: 'redirect', target}`. */
  action: string;
  created_at: number;
  updated_at: number;
}

/** A spend budget for one client key and period (one per key and period). */
export interface KeyBudgetsTable {
  id: string;
  key_id: string;
  period: string;
  limit_nano_usd: number;
  /** Warning threshold as a fraction of the limit, in basis points (8000 = 80%); null: no warning. */
  warning_bps: number | null;
  created_at: number;
  updated_at: number;
}

/** A user eval suite (built-in suites are data in src/evals/builtin-suites.ts, not rows). */
export interface EvalSuitesTable {
  id: string;
  name: string;
  description: string | null;
  /** JSON array of cases (prompt or messages, options, checks). */
  cases: string;
  created_at: number;
  updated_at: number;
}

/** One eval run: a suite (snapshot) against one or more targets. */
export interface EvalRunsTable {
  id: string;
  suite_id: string | null;
  suite_name: string;
  /** JSON: the suite definition as it was when the run started. */
  suite: string;
  /** JSON array of model or combo names. */
  targets: string;
  /** 'running' | 'finished' | 'cancelled' | 'interrupted' (the gateway stopped mid-run). */
  status: string;
  concurrency: number;
  /** Cases × targets. */
  total: number;
  rerun_of: string | null;
  created_at: number;
  finished_at: number | null;
  /** Refreshed while a process runs it (several gateways may share PostgreSQL): a stale one was interrupted. */
  heartbeat_at: number;
}

/** One case's result for one target in one run. */
export interface EvalResultsTable {
  id: string;
  run_id: string;
  target: string;
  case_index: number;
  case_name: string;
  passed: number;
  reason: string | null;
  /** JSON array of `{type, passed, reason}`. */
  checks: string;
  answer: string | null;
  tool_calls: string | null;
  /** The gateway's HTTP status for the case's request. */
  status: number;
  /** `provider/model` that answered (a combo's pick). */
  served_by: string | null;
  request_id: string | null;
  latency_ms: number;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_nano_usd: number;
  created_at: number;
}

/** Cloud sync: this instance's view of one synced configuration object (see src/sync/). */
export interface SyncObjectsTable {
  /** 'connection', 'combo', 'setting', ... (src/sync/sync-kinds.ts). */
  kind: string;
  object_id: string;
  /** SHA-256 of the object's content when last seen; a different hash now means a local edit. */
  hash: string;
  /** Last-writer-wins time of the current version (unix ms). */
  updated_at: number;
  /** The instance id that wrote the current version (breaks updated_at ties). */
  origin: string;
  /** 1: a tombstone (the object was deleted), so deletions sync too. */
  deleted: number;
  /** The hash last agreed with the hub; null before the first sync. */
  synced_hash: string | null;
}

/** Sync hub: one end-to-end encrypted bundle per sync space. */
export interface SyncBundlesTable {
  space: string;
  /** Increases by one on every write; served as the ETag (If-Match for optimistic concurrency). */
  version: number;
  bundle: string;
  updated_at: number;
}

/** Sync hub: tokens that may read and write one space (SHA-256 of the token only). */
export interface SyncTokensTable {
  id: string;
  token_hash: string;
  space: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
}
