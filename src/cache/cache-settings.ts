import { z } from 'zod';

/**
 * The semantic tier (off by default): the last user message is embedded with `embeddingModel` (any alias, combo or
 * `provider/model` the embeddings route accepts) and a stored answer of the same partition whose prompt has a
 * cosine similarity of at least `threshold` answers; at most `maxEntries` prompts are kept in memory (LRU).
 */
export const defaultSemanticCacheSettings = {
  enabled: false,
  embeddingModel: '',
  threshold: 0.95,
  maxEntries: 2000,
};

// Each field has its default, so a PATCH that sets only `semantic.enabled` is complete.
const semanticCacheSettingsSchema = z
  .object({
    enabled: z.boolean().default(defaultSemanticCacheSettings.enabled),
    embeddingModel: z.string().trim().max(300).default(defaultSemanticCacheSettings.embeddingModel),
    threshold: z.number().min(0).max(1).default(defaultSemanticCacheSettings.threshold),
    maxEntries: z.number().int().min(1).max(100_000).default(defaultSemanticCacheSettings.maxEntries),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.enabled && value.embeddingModel === '') {
      context.addIssue({ code: 'custom', path: ['embeddingModel'], message: 'Name an embedding model to enable it.' });
    }
  });

/**
 * Response cache and deduplication settings (`cache` in `/api/settings`). Only deterministic requests
 * (temperature 0) are cached; `persist` keeps answers in the database too, so they survive a restart.
 * `idempotencyWindowMs`: how long a finished answer is replayed to a repeat with the same `Idempotency-Key`.
 */
export const cacheSettingsSchema = z
  .object({
    enabled: z.boolean(),
    ttlSeconds: z
      .number()
      .int()
      .min(1)
      .max(30 * 86_400),
    maxEntries: z.number().int().min(1).max(1_000_000),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .max(4 * 1024 ** 3),
    persist: z.boolean(),
    idempotencyWindowMs: z.number().int().min(0).max(3_600_000),
    semantic: semanticCacheSettingsSchema.default(defaultSemanticCacheSettings),
  })
  .strict();

export type CacheSettings = z.infer<typeof cacheSettingsSchema>;

export const defaultCacheSettings: CacheSettings = {
  enabled: true,
  ttlSeconds: 3600,
  maxEntries: 1000,
  maxBytes: 64 * 1024 * 1024,
  persist: true,
  idempotencyWindowMs: 5000,
  semantic: defaultSemanticCacheSettings,
};
