import { errorMessage, GatewayError } from '../core/errors.js';
import type { Storage } from '../storage/storage-types.js';

/**
 * Serializes token refreshes of one connection across gateway processes. The token manager already runs one refresh
 * at a time per connection inside a process; this lock keeps two processes on one database from refreshing together:
 * providers that rotate refresh tokens revoke the grant when the old one is used twice.
 */
export interface RefreshLock {
  /** Runs `work` while no other process holds the lock of this connection. */
  run<T>(connectionId: string, work: () => Promise<T>): Promise<T>;
}

/** No other process to wait for (a single process, and the token manager's tests). */
export const processRefreshLock: RefreshLock = { run: (_connectionId, work) => work() };

/**
 * The database's own lock: a PostgreSQL advisory lock on the connection id (SQLite: one process owns the file, so
 * none is needed). Taking it fails when the database is down; then the new tokens could not be stored either, and
 * refreshing would spend the refresh token for nothing: the request fails over instead.
 */
export function storageRefreshLock(storage: Storage): RefreshLock {
  return {
    async run(connectionId, work) {
      let acquired = false;
      try {
        return await storage.withLock(`oauth-refresh:${connectionId}`, () => {
          acquired = true;
          return work();
        });
      } catch (error) {
        if (acquired) throw error;
        throw new GatewayError('upstream_unreachable', `Token refresh must wait: ${errorMessage(error)}.`, {
          cause: error,
        });
      }
    },
  };
}
