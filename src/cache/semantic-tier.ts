import { errorMessage } from '../core/errors.js';
import type { Logger } from '../observability/logger.js';
import type { CacheSettings } from './cache-settings.js';
import type { CachedAnswer, CacheLookup, CacheTier } from './cached-answer.js';
import type { EmbedPrompt } from './embed-prompt.js';
import { cosineSimilarity, normalizeVector } from './vector-similarity.js';

interface SemanticEntry {
  partition: string;
  /** Unit length, so a similarity is a dot product. */
  vector: number[];
  answer: CachedAnswer;
  expiresAt: number;
}

/** An embedding slower than this is given up: the request goes on as a miss rather than wait on the cache. */
export const semanticEmbeddingTimeoutMs = 2000;

/**
 * The semantic tier: after an exact miss, the request's last user message is embedded through the gateway's own
 * embeddings routing and compared with the stored prompts of the same partition (semantic-prompt.ts); the most
 * similar one at or above the threshold answers. In memory only, bounded by `semantic.maxEntries` (LRU: a hit
 * refreshes), entries expire with the cache's `ttlSeconds`. It fails open: an embedding error or timeout is a
 * miss. A miss's embedding is kept for the store that follows, so a prompt is embedded once.
 */
export class SemanticCacheTier implements CacheTier {
  readonly name = 'semantic';
  /** Insertion order is recency order: the first key is the least recently used. */
  private readonly entries = new Map<string, SemanticEntry>();
  private readonly embeddings = new WeakMap<CacheLookup, Promise<number[] | undefined>>();
  private readonly counts = { hits: 0, misses: 0, embedErrors: 0 };
  private readonly now: () => number;

  constructor(
    private readonly options: {
      settings: () => CacheSettings;
      embed: EmbedPrompt;
      logger: Logger;
      now?: () => number;
      timeoutMs?: number;
    },
  ) {
    this.now = options.now ?? Date.now;
  }

  async lookup(request: CacheLookup): Promise<CachedAnswer | undefined> {
    const { semantic } = this.options.settings();
    if (!semantic.enabled || semantic.embeddingModel === '' || request.semantic === undefined) return undefined;
    const pending = this.embed(request, semantic.embeddingModel);
    this.embeddings.set(request, pending);
    const vector = await pending;
    if (vector === undefined) return undefined;
    const now = this.now();
    let best: { key: string; entry: SemanticEntry; similarity: number } | undefined;
    for (const [key, entry] of this.entries) {
      if (entry.partition !== request.semantic.partition) continue;
      if (entry.expiresAt <= now) {
        this.entries.delete(key);
        continue;
      }
      const similarity = cosineSimilarity(vector, entry.vector);
      if (similarity >= semantic.threshold && (best === undefined || similarity > best.similarity)) {
        best = { key, entry, similarity };
      }
    }
    if (best === undefined) {
      this.counts.misses += 1;
      return undefined;
    }
    this.counts.hits += 1;
    this.entries.delete(best.key);
    this.entries.set(best.key, best.entry);
    return { ...best.entry.answer, similarity: best.similarity };
  }

  store(request: CacheLookup, answer: CachedAnswer): void {
    const pending = this.embeddings.get(request);
    const partition = request.semantic?.partition;
    if (pending === undefined || partition === undefined) return;
    this.embeddings.delete(request);
    void pending.then((vector) => {
      const settings = this.options.settings();
      if (vector === undefined || !settings.semantic.enabled) return;
      this.entries.delete(request.key);
      this.entries.set(request.key, {
        partition,
        vector,
        answer,
        expiresAt: this.now() + settings.ttlSeconds * 1000,
      });
      this.evict(settings.semantic.maxEntries);
    });
  }

  async clear(): Promise<void> {
    this.entries.clear();
    this.counts.hits = 0;
    this.counts.misses = 0;
    this.counts.embedErrors = 0;
  }

  async stats(): Promise<Record<string, number>> {
    return {
      entries: this.entries.size,
      maxEntries: this.options.settings().semantic.maxEntries,
      ...this.counts,
    };
  }

  /** The normalised embedding, or undefined (counted, logged without the prompt) when the call failed or was slow. */
  private async embed(request: CacheLookup, model: string): Promise<number[] | undefined> {
    const semantic = request.semantic;
    if (semantic === undefined) return undefined;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? semanticEmbeddingTimeoutMs);
    try {
      const vector = await this.options.embed({
        text: semantic.text,
        model,
        keyId: semantic.keyId,
        signal: AbortSignal.any([semantic.signal, timeout]),
      });
      return normalizeVector(vector);
    } catch (error) {
      this.counts.embedErrors += 1;
      this.options.logger.warn(
        { model, err: errorMessage(error) },
        'semantic cache embedding failed: treated as a miss',
      );
      return undefined;
    }
  }

  private evict(maxEntries: number): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= maxEntries) return;
      this.entries.delete(key);
    }
  }
}
