import { GatewayError } from '../core/errors.js';
import type { CompiledKeyPolicy } from './key-governance.js';
import { BucketWindow, RequestWindow } from './sliding-window.js';

/** Frees a request's concurrency slot and corrects its token reservation to the real count (when known). */
export type ReleaseLimits = (tokens: number | undefined) => void;

/**
 * Where a key's rate limits and concurrency are counted: this process's memory, or Redis shared by every process
 * (src/cluster/redis-limit-counters.ts). `take` checks every limit of the key and takes them all only when all pass,
 * else it rejects with the 429 of the first limit refused.
 */
export interface LimitCounters {
  take(policy: CompiledKeyPolicy, estimateTokens: number): Promise<ReleaseLimits>;
}

/** The limits a refusal can name, in the order they are checked. */
export type LimitName = 'maxConcurrent' | 'rpm' | 'rpd' | 'tpm';

/** The 429 for a refused limit: one wording whichever implementation counted it. */
export function limitRefusal(policy: CompiledKeyPolicy, limit: LimitName, waitSeconds: number): GatewayError {
  const key = `'${policy.keyName}'`;
  const { limits } = policy;
  const message =
    limit === 'maxConcurrent'
      ? `API key ${key} already has ${limits.maxConcurrent} requests in flight`
      : limit === 'rpm'
        ? `API key ${key} is over its limit of ${limits.rpm} requests per minute`
        : limit === 'rpd'
          ? `API key ${key} is over its limit of ${limits.rpd} requests per day`
          : `API key ${key} is over its limit of ${limits.tpm} tokens per minute`;
  return new GatewayError('rate_limited', message, { retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) });
}

interface KeyCounters {
  rpm?: RequestWindow;
  rpd?: BucketWindow;
  tpm?: BucketWindow;
  /** Shared across policy changes, so requests admitted under the old policy still free their slot. */
  inFlight: { count: number };
  /** The limits these counters were built for: a changed policy starts fresh counters. */
  limits: CompiledKeyPolicy['limits'];
}

/**
 * Counters in this process's memory, one set per key. The check and the take run synchronously (no await between
 * them), so concurrent requests on the one event loop cannot both take the last slot.
 */
export class LocalLimitCounters implements LimitCounters {
  private readonly counters = new Map<string, KeyCounters>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(policy: CompiledKeyPolicy, estimate: number): Promise<ReleaseLimits> {
    const now = this.now();
    const { limits } = policy;
    const counters = this.countersFor(policy);
    if (limits.maxConcurrent !== undefined && counters.inFlight.count >= limits.maxConcurrent) {
      throw limitRefusal(policy, 'maxConcurrent', 1);
    }
    const rpmWait = counters.rpm?.waitMs(now) ?? 0;
    if (rpmWait > 0) throw limitRefusal(policy, 'rpm', rpmWait / 1000);
    for (const [name, window] of [
      ['rpd', counters.rpd],
      ['tpm', counters.tpm],
    ] as const) {
      if (window !== undefined && window.used(now) >= window.limit) {
        throw limitRefusal(policy, name, window.waitSeconds(now));
      }
    }
    counters.rpm?.record(now);
    counters.rpd?.add(now, 1);
    counters.tpm?.add(now, estimate);
    counters.inFlight.count += 1;
    let released = false;
    return (tokens) => {
      if (released) return;
      released = true;
      counters.inFlight.count -= 1;
      // The reservation is corrected in the bucket it was taken from, so it ages out of the window on time.
      if (tokens !== undefined) counters.tpm?.add(now, tokens - estimate);
    };
  }

  private countersFor(policy: CompiledKeyPolicy): KeyCounters {
    const existing = this.counters.get(policy.keyId);
    if (existing !== undefined && existing.limits === policy.limits) return existing;
    const { limits } = policy;
    const counters: KeyCounters = {
      rpm: limits.rpm === undefined ? undefined : new RequestWindow(limits.rpm, 60_000),
      // A day in one-minute buckets and a minute in one-second ones: bounded memory for large limits.
      rpd: limits.rpd === undefined ? undefined : new BucketWindow(limits.rpd, 1440, 60_000),
      tpm: limits.tpm === undefined ? undefined : new BucketWindow(limits.tpm, 60, 1000),
      inFlight: existing?.inFlight ?? { count: 0 },
      limits,
    };
    this.counters.set(policy.keyId, counters);
    return counters;
  }
}
