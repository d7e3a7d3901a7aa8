import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';

/** A connection as the API shows it: the secret is masked, never returned whole. */
export function connectionView(connection: ConnectionRecord) {
  return {
    id: connection.id,
    provider: connection.provider,
    name: connection.name,
    authType: connection.authType,
    apiKey: maskSecret(connection.apiKey),
    baseUrl: connection.baseUrl,
    priority: connection.priority,
    isActive: connection.isActive,
    createdAt: new Date(connection.createdAt).toISOString(),
    updatedAt: new Date(connection.updatedAt).toISOString(),
  };
}

export function maskSecret(secret: string | null): string | null {
  if (secret === null) return null;
  if (secret.length <= 8) return '****';
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
}
