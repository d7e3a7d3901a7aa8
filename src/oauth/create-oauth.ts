import type { RedisLink } from '../cluster/redis-link.js';
import { RedisRefreshLock } from '../cluster/redis-refresh-lock.js';
import type { Logger } from '../observability/logger.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import type { Storage } from '../storage/storage-types.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { OAuthFlows } from './oauth-flows.js';
import { QuotaRecorder } from './quota-recorder.js';
import { storageRefreshLock } from './refresh-lock.js';
import { createSubscriptionSessions, type SubscriptionSessions } from './subscription-session.js';
import { OAuthTokenManager } from './token-manager.js';

export interface OAuthModule {
  tokens: OAuthTokenManager;
  sessions: SubscriptionSessions;
  flows: OAuthFlows;
}

/** Wires the subscription-account pieces over one upstream client and the repositories. */
export function createOAuth(deps: {
  repositories: Repositories;
  state: RuntimeState;
  upstream: UpstreamClient;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Where the cross-process refresh lock lives: Redis when set, else the database (PostgreSQL's advisory locks). */
  storage: Storage;
  redis?: RedisLink;
}): OAuthModule {
  const { repositories, state, upstream, env, logger, storage, redis } = deps;
  const storageLock = storageRefreshLock(storage);
  const tokens = new OAuthTokenManager({
    lock: redis === undefined ? storageLock : new RedisRefreshLock({ link: redis, fallback: storageLock }),
    repository: repositories.oauthTokens,
    client: upstream,
    env,
    logger,
    onExpired: () => state.reload(),
  });
  const quotas = new QuotaRecorder({ repository: repositories.oauthTokens, logger });
  const sessions = createSubscriptionSessions({ tokens, quotas });
  const flows = new OAuthFlows({ client: upstream, env, repositories, state, tokens, sessions });
  return { tokens, sessions, flows };
}
