import type {
  ConnectionRecord,
  ConnectionTest,
  OAuthAccountState,
} from '../storage/repositories/connections-repository.js';
import { maskProxyUrl } from '../upstream/proxy-url.js';

/** A connection as the API shows it: the secret is masked, never returned whole. */
export function connectionView(connection: ConnectionRecord) {
  return {
    id: connection.id,
    provider: connection.provider,
    name: connection.name,
    authType: connection.authType,
    apiKey: maskSecret(connection.apiKey),
    baseUrl: connection.baseUrl,
    /** The password in it is masked (`user:****@host`). */
    proxyUrl: maskProxyUrl(connection.proxyUrl),
    priority: connection.priority,
    isActive: connection.isActive,
    createdAt: new Date(connection.createdAt).toISOString(),
    updatedAt: new Date(connection.updatedAt).toISOString(),
    lastTest: connection.lastTest === undefined ? null : connectionTestView(connection.lastTest),
    ...(connection.oauth === undefined ? {} : oauthView(connection.oauth)),
  };
}

/** Subscription accounts: `status: 'expired'` with its reason tells the dashboard to offer "reconnect". */
function oauthView(oauth: OAuthAccountState) {
  return {
    status: oauth.status,
    reason: oauth.reason,
    account: oauth.account,
    tokenExpiresAt: oauth.expiresAt === null ? null : new Date(oauth.expiresAt).toISOString(),
    quota: oauth.quota,
  };
}

/** A test result as the API shows it (also the answer of `POST /api/providers/:id/test`). */
export function connectionTestView(test: ConnectionTest) {
  return { ...test, testedAt: new Date(test.testedAt).toISOString() };
}

export function maskSecret(secret: string | null): string | null {
  if (secret === null) return null;
  if (secret.length <= 8) return '****';
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
}
