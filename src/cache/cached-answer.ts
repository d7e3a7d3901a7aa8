import type { CanonicalResponse } from '../core/canonical.js';
import type { SemanticPrompt } from './semantic-prompt.js';

/**
 * A reusable answer: the canonical response (so it can be rendered as JSON or replayed as a stream in any client
 * format), who made it, and what it cost then (the cost a reuse saves).
 */
export interface CachedAnswer {
  response: CanonicalResponse;
  provider: string | undefined;
  model: string | undefined;
  costNano: number;
  /** Set on a semantic hit only (never stored): how close the stored prompt was, for the response header. */
  similarity?: number;
}

/** What a cache key is made of, besides the request's own fields: kept apart so tiers can index on them. */
export interface CacheLookup {
  /** sha256 of the key space and every field that determines the answer. */
  key: string;
  /** The API key's id, or "anonymous": answers never cross key spaces. */
  space: string;
  /** The semantic tier's view of the request (absent when that tier is off or the request has none). */
  semantic?: SemanticLookup;
}

export interface SemanticLookup extends SemanticPrompt {
  /** The caller's API key id: the embedding call is logged under it. */
  keyId: string | undefined;
  /** The client request's: the embedding call is abandoned when the client goes away. */
  signal: AbortSignal;
}

/**
 * A tier of the response cache. The exact tier matches keys; the semantic tier matches by embedding similarity
 * within the request's partition (semantic-prompt.ts). The lookup goes through tiers in order; a store goes to each.
 */
export interface CacheTier {
  readonly name: string;
  lookup(request: CacheLookup): Promise<CachedAnswer | undefined>;
  store(request: CacheLookup, answer: CachedAnswer): void;
  clear(): Promise<void>;
  /** What `/api/cache` shows of this tier. */
  stats(): Promise<Record<string, number>>;
}

export function serializeAnswer(answer: CachedAnswer): string {
  return JSON.stringify(answer);
}

/** A stored answer read back; anything not shaped like one (an older or damaged row) reads as a miss. */
export function parseAnswer(text: string): CachedAnswer | undefined {
  try {
    const value = JSON.parse(text) as Partial<CachedAnswer> | null;
    const response = value?.response;
    if (typeof response !== 'object' || response === null || !Array.isArray(response.content)) return undefined;
    if (typeof response.finishReason !== 'string') return undefined;
    return {
      response,
      provider: typeof value?.provider === 'string' ? value.provider : undefined,
      model: typeof value?.model === 'string' ? value.model : undefined,
      costNano: typeof value?.costNano === 'number' ? value.costNano : 0,
    };
  } catch {
    return undefined;
  }
}
