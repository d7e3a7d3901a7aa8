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
