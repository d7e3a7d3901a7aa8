/** Shapes of the management API answers the shared shell and several pages read. Feature-only types live in their feature. */

export interface InitState {
  passwordSet: boolean;
  requireLogin: boolean;
  providers: number;
  keys: number;
  version: string;
}

export interface ConnectionTest {
  ok: boolean;
  status: number | null;
  message: string;
  latencyMs: number;
  model: string | null;
  testedAt: string;
}

export interface Connection {
  id: string;
  provider: string;
  name: string;
  authType: string;
  apiKey: string | null;
  baseUrl: string | null;
  proxyUrl: string | null;
  priority: number;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  lastTest: ConnectionTest | null;
  /** Subscription (OAuth) accounts only: `expired` means sign in again ("Reconnect"). */
  status?: 'active' | 'expired';
  reason?: string | null;
  account?: string | null;
}

export interface CatalogModel {
  id: string;
  name?: string;
  type?: string;
  contextLength?: number;
  custom?: boolean;
  hidden?: boolean;
}

export interface CatalogProvider {
  id: string;
  alias: string | null;
  name: string;
  category: string;
  kind: string;
  format: string;
  baseUrl: string;
  authStyle: string;
  apiKeyRequired: boolean;
  connected: boolean;
  models: CatalogModel[];
}

export interface ApiKeyLimits {
  rpm?: number;
  rpd?: number;
  tpm?: number;
  maxConcurrent?: number;
}

/** A client key as listed (the secret itself only comes back once, from POST /api/keys). */
export interface ApiKey {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
  allowedModels?: string[];
  blockedModels?: string[];
  allowedCombos?: string[];
  ipAllowlist?: string[];
  limits?: ApiKeyLimits;
  expiresAt: string | null;
  disabled: boolean;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface Combo {
  id: string;
  name: string;
  strategy: string;
  models: { model: string; connectionId?: string; weight?: number }[];
  config: { maxAttempts?: number };
  createdAt: string;
  updatedAt: string;
}
