import type { Logger } from '../observability/logger.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { ResponseCacheRepository } from '../storage/repositories/response-cache-repository.js';
import { AnswerReuse } from './answer-reuse.js';
import type { EmbedPrompt } from './embed-prompt.js';
import { ExactCacheTier } from './exact-cache-tier.js';
import { IdempotencyStore } from './idempotency-store.js';
import { SemanticCacheTier } from './semantic-tier.js';

/**
 * The response cache (exact and semantic tiers) and idempotency, wired to settings; `close` flushes pending
 * database writes.
 */
export function createAnswerReuse(input: {
  repository: ResponseCacheRepository;
  settings: SettingsService;
  logger: Logger;
  /** Embeds prompts for the semantic tier (through the gateway's embeddings routing: embed-prompt.ts). */
  embed: EmbedPrompt;
}): { reuse: AnswerReuse; close: () => Promise<void> } {
  const { repository, settings, logger, embed } = input;
  const cacheSettings = () => settings.value.cache;
  const exact = new ExactCacheTier({ repository, settings: cacheSettings, logger });
  settings.onChange((next) => exact.resize(next.cache));
  const idempotency = new IdempotencyStore(() => settings.value.cache.idempotencyWindowMs);
  const semantic = new SemanticCacheTier({ settings: cacheSettings, embed, logger });
  const reuse = new AnswerReuse({ tiers: [exact, semantic], idempotency, settings: cacheSettings });
  return { reuse, close: () => exact.close() };
}
