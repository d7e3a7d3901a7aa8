import { errorMessage, GatewayError } from '../core/errors.js';
import type { Logger } from '../observability/logger.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { OAuthTokenSet, OAuthTokensRepository } from '../storage/repositories/oauth-tokens-repository.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { findOAuthSpec, oauthEndpoints } from './oauth-config.js';
import { OAuthServerError } from './oauth-http.js';
import { processRefreshLock, type RefreshLock } from './refresh-lock.js';
import { refreshTokens } from './refresh-tokens.js';

export interface TokenManagerOptions {
  repository: OAuthTokensRepository;
  client: UpstreamClient;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Called after an account was marked expired, so routing stops picking it (reloads the snapshot). */
  onExpired: () => Promise<void>;
  /** Keeps other gateway processes on the same database from refreshing the same account at once. */
  lock?: RefreshLock;
  /** Refresh when the access token expires within this margin. */
  marginMs?: number;
  now?: () => number;
}

/**
 * The current tokens of every OAuth account. A refresh runs under a per-connection lock and the new tokens are
 * stored before the lock is released, so concurrent requests never refresh twice: providers that rotate refresh
 * tokens (OpenAI, Anthropic) revoke the whole grant when an old refresh token is used again. Across processes the
 * refresh also holds the shared `lock` and re-reads the stored tokens first: another process may have refreshed.
 */
export class OAuthTokenManager {
  private readonly cache = new Map<string, OAuthTokenSet>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly lock: RefreshLock;

  constructor(private readonly options: TokenManagerOptions) {
    this.marginMs = options.marginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.lock = options.lock ?? processRefreshLock;
  }

  /** Tokens to call the upstream with; refreshed first when they expire within the margin. */
  async current(connection: ConnectionRecord): Promise<OAuthTokenSet> {
    const cached = this.cache.get(connection.id);
    if (cached !== undefined && !this.expiring(cached)) return cached;
    return this.locked(connection.id, async () => {
      const tokens = await this.load(connection);
      if (!this.expiring(tokens)) return tokens;
      try {
        return await this.refreshShared(connection, (stored) => this.expiring(stored));
      } catch (error) {
        // The token server is unreachable but the token still works for a while: use it, retry on the next call.
        const stillValid = tokens.expiresAt !== undefined && tokens.expiresAt > this.now();
        if (stillValid && error instanceof GatewayError && error.code === 'upstream_unreachable') return tokens;
        throw error;
      }
    });
  }

  /**
   * The upstream refused `rejected` (401): refresh once. When another request already replaced that token, its
   * result is used instead of refreshing again.
   */
  async refreshAfterRejection(connection: ConnectionRecord, rejected: string): Promise<OAuthTokenSet> {
    return this.locked(connection.id, async () => {
      const tokens = await this.load(connection);
      if (tokens.accessToken !== rejected) return tokens;
      return this.refreshShared(connection, (stored) => stored.accessToken === rejected);
    });
  }

  /**
   * Refreshes under the cross-process lock. The stored tokens are read again once it is held: when another process
   * refreshed meanwhile (`stale` says no), its tokens are used and the rotated refresh token is not spent twice.
   */
  private refreshShared(
    connection: ConnectionRecord,
    stale: (stored: OAuthTokenSet) => boolean,
  ): Promise<OAuthTokenSet> {
    return this.lock.run(connection.id, async () => {
      const stored = await this.options.repository.read(connection.id);
      if (stored === undefined) throw this.expiredError(connection, 'no tokens are stored for it');
      this.cache.set(connection.id, stored);
      return stale(stored) ? this.refresh(connection, stored) : stored;
    });
  }

  /** New tokens from a sign-in: later requests use them at once. */
  remember(connectionId: string, tokens: OAuthTokenSet): void {
    this.cache.set(connectionId, tokens);
  }

  forget(connectionId: string): void {
    this.cache.delete(connectionId);
  }

  private expiring(tokens: OAuthTokenSet): boolean {
    return tokens.expiresAt !== undefined && tokens.expiresAt - this.now() < this.marginMs;
  }

  private async load(connection: ConnectionRecord): Promise<OAuthTokenSet> {
    const cached = this.cache.get(connection.id);
    if (cached !== undefined) return cached;
    const stored = await this.options.repository.read(connection.id);
    if (stored === undefined) throw this.expiredError(connection, 'no tokens are stored for it');
    this.cache.set(connection.id, stored);
    return stored;
  }

  private async refresh(connection: ConnectionRecord, tokens: OAuthTokenSet): Promise<OAuthTokenSet> {
    const spec = findOAuthSpec(connection.provider, () => undefined);
    let refreshed: OAuthTokenSet;
    try {
      const result = await refreshTokens({
        client: this.options.client,
        endpoints: oauthEndpoints(spec, this.options.env),
        tokens,
        marginMs: this.marginMs,
        now: this.now(),
      });
      refreshed = result.tokens;
      // Stored inside the lock: a crash after this line loses nothing, and nobody reads the old refresh token.
      await this.options.repository.write(connection.id, refreshed, result.account);
    } catch (error) {
      if (!permanent(error)) {
        throw new GatewayError(
          'upstream_unreachable',
          `Refreshing the ${connection.name} token failed: ${errorMessage(error)}`,
          {
            cause: error,
          },
        );
      }
      const reason = `Token refresh failed: ${errorMessage(error)}. Reconnect the account.`;
      this.cache.delete(connection.id);
      await this.options.repository.markExpired(connection.id, reason);
      this.options.logger.warn({ connection: connection.id, provider: connection.provider }, 'oauth account expired');
      await this.options.onExpired();
      throw this.expiredError(connection, reason);
    }
    this.cache.set(connection.id, refreshed);
    return refreshed;
  }

  private expiredError(connection: ConnectionRecord, reason: string): GatewayError {
    // A 401 makes routing fall through to the next account and park this one.
    return new GatewayError(
      'upstream_error',
      `Account ${connection.name} of ${connection.provider} expired: ${reason}`,
      {
        status: 401,
        kind: 'authentication',
      },
    );
  }

  private async locked<T>(connectionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(connectionId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    this.locks.set(connectionId, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(connectionId) === tail) this.locks.delete(connectionId);
    }
  }
}

/** The server refused the grant (revoked, reused, expired refresh token): retrying cannot help. */
function permanent(error: unknown): boolean {
  if (error instanceof OAuthServerError) return error.status === 400 || error.status === 401 || error.status === 403;
  return error instanceof Error && !(error instanceof GatewayError);
}
