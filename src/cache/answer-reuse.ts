import type { IncomingHttpHeaders } from 'node:http';
import type { ClientIdentity } from '../auth/key-index.js';
import type { ClientCodec, ResponseContext } from '../core/codec.js';
import { clientCodecs } from '../formats/index.js';
import type { GenerationExchange } from '../gateway/generation-exchange.js';
import type { RequestEdits } from '../gateway/request-edits/request-edits.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import type { RequestTarget } from '../routing/resolve-request-model.js';
import { toNanoUsd } from '../usage/compute-cost.js';
import { AnswerRecorder, teeObservers } from './answer-recorder.js';
import type { CacheSettings } from './cache-settings.js';
import type { CachedAnswer, CacheLookup, CacheTier, SemanticLookup } from './cached-answer.js';
import { type IdempotencyClaim, type IdempotencyStore, maxIdempotencyWaitMs } from './idempotency-store.js';
import { replayAnswer } from './replay-answer.js';
import { anonymousSpace, cacheBypassed, isDeterministic, responseCacheKey } from './response-cache-key.js';
import { semanticPromptOf } from './semantic-prompt.js';
import type { SharedAnswerStore } from './shared-answer-store.js';

export interface ReuseInput {
  headers: IncomingHttpHeaders;
  /** The matched route: idempotency keys are scoped per API key and route. */
  route: string;
  codec: ClientCodec;
  body: unknown;
  identity: ClientIdentity | undefined;
  /** The resolved target (after aliases and policies). */
  target: RequestTarget;
  edits: RequestEdits;
  exchange: GenerationExchange;
}

/** A reused answer and how it was found. */
export interface ReusedAnswer {
  answer: CachedAnswer;
  via: 'hit' | 'idempotent';
}

/**
 * The response cache and idempotency in front of the upstream call. `begin` costs a few header and field reads for
 * a request neither applies to (cache off, `no-cache`, temperature not 0, no idempotency key): no hashing then.
 * The idempotency claim is taken in `lookup` (it may be a Redis round trip).
 */
export class AnswerReuse {
  private counts = { hits: 0, misses: 0, idempotentReplays: 0 };

  constructor(
    private readonly options: {
      /** Looked up in order (exact, then semantic); a store goes to every tier. */
      tiers: readonly CacheTier[];
      idempotency: IdempotencyStore;
      settings: () => CacheSettings;
      /** The exact tier's shared store, reported in the stats (absent: single process). */
      shared?: Pick<SharedAnswerStore, 'stats'>;
    },
  ) {}

  begin(input: ReuseInput): ReuseSession | undefined {
    const { headers, codec, body, exchange } = input;
    // The legacy completions codec shares the 'openai' format but not its answers: nothing to read back.
    if (clientCodecs[codec.format] !== codec) return undefined;
    const settings = this.options.settings();
    const space = input.identity?.keyId ?? anonymousSpace;
    let lookup: CacheLookup | undefined;
    if (settings.enabled) {
      exchange.setHeader('x-omniroute-cache', 'MISS');
      if (cacheBypassed(headers)) exchange.log.cacheStatus = 'bypass';
      else if (isDeterministic(codec.format, body)) {
        const key = responseCacheKey({
          space,
          format: codec.format,
          target: input.target,
          edits: input.edits,
          body: body as Record<string, unknown>,
        });
        lookup = { key, space, semantic: semanticLookupOf(input, settings, space) };
      }
    }
    const idempotencyKey = settings.idempotencyWindowMs > 0 ? idempotencyKeyOf(headers) : undefined;
    if (lookup === undefined && idempotencyKey === undefined) return undefined;
    const claimKey = idempotencyKey === undefined ? undefined : `${space}\u0000${input.route}\u0000${idempotencyKey}`;
    return new ReuseSession({
      tiers: this.options.tiers,
      idempotency: this.options.idempotency,
      counts: this.counts,
      input,
      lookupKey: lookup,
      claimKey,
    });
  }

  async clear(): Promise<void> {
    await this.options.idempotency.clear();
    await Promise.all(this.options.tiers.map((tier) => tier.clear()));
    this.counts.hits = 0;
    this.counts.misses = 0;
    this.counts.idempotentReplays = 0;
  }

  /** `/api/cache`: the spec's summary, plus each tier's and the counters' detail. */
  async stats() {
    const tiers = await Promise.all(this.options.tiers.map(async (tier) => [tier.name, await tier.stats()] as const));
    const shared = await this.options.shared?.stats();
    const exact = Object.fromEntries(tiers).exact ?? {};
    const { hits, misses, idempotentReplays } = this.counts;
    const lookups = hits + misses;
    const settings = this.options.settings();
    return {
      semanticCache: {
        memorySize: exact.memorySize ?? 0,
        memoryMaxSize: exact.memoryMaxSize ?? settings.maxEntries,
        dbSize: exact.dbSize ?? 0,
        hitRate: lookups === 0 ? 0 : hits / lookups,
        semantic: { enabled: settings.semantic.enabled, ...Object.fromEntries(tiers).semantic },
      },
      idempotency: {
        activeKeys: this.options.idempotency.activeKeys,
        windowMs: settings.idempotencyWindowMs,
        ...(this.options.idempotency.backend === 'redis' ? { backend: 'redis' } : {}),
      },
      exact: { ...exact, hits, misses },
      tiers: Object.fromEntries(tiers),
      enabled: settings.enabled,
      ttlSeconds: settings.ttlSeconds,
      idempotentReplays,
      ...(shared === undefined ? {} : { sharedTier: shared }),
    };
  }
}

/** One request's use of the cache and idempotency: look up, or record the answer and keep it once it succeeded. */
export class ReuseSession {
  private recorder: AnswerRecorder | undefined;
  private finished = false;
  private claim: IdempotencyClaim | undefined;
  private readonly tiers: readonly CacheTier[];
  private readonly counts: { hits: number; misses: number; idempotentReplays: number };
  private readonly input: ReuseInput;
  private readonly lookupKey: CacheLookup | undefined;

  constructor(
    private readonly options: {
      tiers: readonly CacheTier[];
      idempotency: IdempotencyStore;
      counts: { hits: number; misses: number; idempotentReplays: number };
      input: ReuseInput;
      lookupKey: CacheLookup | undefined;
      /** The request's idempotency key, scoped by key space and route (absent: no deduplication). */
      claimKey: string | undefined;
    },
  ) {
    this.tiers = options.tiers;
    this.counts = options.counts;
    this.input = options.input;
    this.lookupKey = options.lookupKey;
  }

  async lookup(): Promise<ReusedAnswer | undefined> {
    const { exchange } = this.input;
    const { claimKey } = this.options;
    if (claimKey !== undefined) this.claim = await this.options.idempotency.claim(claimKey);
    if (this.claim?.kind === 'repeat') {
      const answer = await waitFor(this.claim.answer, exchange.signal);
      if (answer !== undefined) {
        this.counts.idempotentReplays += 1;
        return { answer, via: 'idempotent' };
      }
    }
    if (this.lookupKey !== undefined) {
      const answer = await this.lookupTiers(this.lookupKey);
      if (answer !== undefined) {
        this.counts.hits += 1;
        this.finish(answer);
        return { answer, via: 'hit' };
      }
      this.counts.misses += 1;
      exchange.log.cacheStatus = 'miss';
    }
    // This request will run: watch its answer if it is to be kept (cacheable, or first of its idempotency key).
    if (this.lookupKey === undefined && this.claim?.kind !== 'first') return undefined;
    this.recorder = new AnswerRecorder(upstreamAdapters[this.input.codec.format]);
    exchange.observer = teeObservers(exchange.observer, this.recorder);
    return undefined;
  }

  async replay(reused: ReusedAnswer, context: ResponseContext, stream: boolean): Promise<void> {
    const { exchange } = this.input;
    if (reused.via === 'idempotent') exchange.setHeader('x-omniroute-idempotent', 'true');
    else {
      exchange.setHeader('x-omniroute-cache', 'HIT');
      const { similarity } = reused.answer;
      exchange.setHeader('x-omniroute-cache-kind', similarity === undefined ? 'exact' : 'semantic');
      if (similarity !== undefined) exchange.setHeader('x-omniroute-cache-similarity', similarity.toFixed(4));
    }
    // A cache hit is a new answer (its own id, so a stored Responses answer is not overwritten); an idempotent
    // repeat is the same answer, id included.
    const response = reused.via === 'hit' ? { ...reused.answer.response, id: '' } : reused.answer.response;
    await replayAnswer({
      exchange,
      codec: this.input.codec,
      answer: { ...reused.answer, response },
      context,
      stream,
      via: reused.via,
    });
  }

  /** The request ended: keep a successful, complete answer; release idempotent waiters either way. */
  settle(): void {
    const { log } = this.input.exchange;
    const response = log.status === 200 && log.error === undefined ? this.recorder?.result() : undefined;
    const answer: CachedAnswer | undefined =
      response === undefined
        ? undefined
        : { response, provider: log.provider, model: log.model, costNano: toNanoUsd(log.cost.usd) };
    if (answer !== undefined && this.lookupKey !== undefined) {
      for (const tier of this.tiers) tier.store(this.lookupKey, answer);
    }
    this.finish(answer);
  }

  private finish(answer: CachedAnswer | undefined): void {
    if (this.finished || this.claim?.kind !== 'first') return;
    this.finished = true;
    this.claim.finish(answer);
  }

  private async lookupTiers(lookup: CacheLookup): Promise<CachedAnswer | undefined> {
    for (const tier of this.tiers) {
      const answer = await tier.lookup(lookup);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }
}

/** The semantic tier's view of a cacheable request, only computed (a body parse) when that tier is on. */
function semanticLookupOf(input: ReuseInput, settings: CacheSettings, space: string): SemanticLookup | undefined {
  if (!settings.semantic.enabled || settings.semantic.embeddingModel === '') return undefined;
  const { codec, body, target, edits, identity, exchange } = input;
  const prompt = semanticPromptOf({ codec, body, space, target, edits });
  return prompt === undefined ? undefined : { ...prompt, keyId: identity?.keyId, signal: exchange.signal };
}

function idempotencyKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['idempotency-key'] ?? headers['x-request-id'];
  const key = Array.isArray(value) ? value[0] : value;
  return key === undefined || key.trim() === '' ? undefined : key.trim().slice(0, 256);
}

/** The first request's answer, unless the wait runs too long or this client goes away. */
function waitFor(answer: Promise<CachedAnswer | undefined>, signal: AbortSignal): Promise<CachedAnswer | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const givenUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, maxIdempotencyWaitMs, undefined);
    signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
  return Promise.race([answer, givenUp]).finally(() => clearTimeout(timer));
}
