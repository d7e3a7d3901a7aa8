import { RedisAnswerStore } from '../cluster/redis-answer-store.js';
import { RedisIdempotencyStore } from '../cluster/redis-idempotency-store.js';
import type { RedisLink } from '../cluster/redis-link.js';
import type { Logger } from '../observability/logger.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { ResponseCacheRepository } from '../storage/repositories/response-cache-repository.js';
import { AnswerReuse } from './answer-reuse.js';
import type { EmbedPrompt } from './embed-prompt.js';
import { ExactCacheTier } from './exact-cache-tier.js';
import { type IdempotencyStore, LocalIdempotencyStore } from './idempotency-store.js';
import { SemanticCacheTier } from './semantic-tier.js';

/**
 * The response cache (exact and semantic tiers) and idempotency, wired to settings; `close` flushes pending
 * database writes. With Redis, the exact tier gets a shared store and idempotency holds across processes.
 */
export function createAnswerReuse(input: {
  repository: ResponseCacheRepository;
  settings: SettingsService;
  logger: Logger;
  /** Embeds prompts for the semantic tier (through the gateway's embeddings routing: embed-prompt.ts). */
  embed: EmbedPrompt;
  /** `REDIS_URL`'s connection, shared by every gateway process (absent: this process alone). */
  redis?: RedisLink;
}): { reuse: AnswerReuse; close: () => Promise<void> } {
  const { repository, settings, logger, embed, redis } = input;
  const cacheSettings = () => settings.value.cache;
  const shared = redis === undefined ? undefined : new RedisAnswerStore(redis, logger);
  const exact = new ExactCacheTier({ repository, settings: cacheSettings, logger, shared });
  settings.onChange((next) => exact.resize(next.cache));
  const windowMs = () => settings.value.cache.idempotencyWindowMs;
  const local = new LocalIdempotencyStore(windowMs);
  const idempotency: IdempotencyStore =
    redis === undefined ? local : new RedisIdempotencyStore({ link: redis, local, windowMs, logger });
  const semantic = new SemanticCacheTier({ settings: cacheSettings, embed, logger });
  const reuse = new AnswerReuse({ tiers: [exact, semantic], idempotency, settings: cacheSettings, shared });
  return { reuse, close: () => exact.close() };
}
