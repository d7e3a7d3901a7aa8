import { GatewayError } from '../core/errors.js';
import type { ProviderDefinition } from '../providers/catalog/types.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { ConfigSnapshot } from './config-snapshot.js';

/** Fill-first: the active account with the lowest priority number serves until it cannot. */
export function pickConnection(provider: ProviderDefinition, snapshot: ConfigSnapshot): ConnectionRecord {
  const connection = snapshot.activeConnections.get(provider.id)?.[0];
  if (connection === undefined) {
    throw new GatewayError(
      'no_active_connection',
      `No active connection for provider '${provider.id}'. Add one with POST /api/providers {"provider":"${provider.id}", "apiKey":"..."}.`,
    );
  }
  return connection;
}
