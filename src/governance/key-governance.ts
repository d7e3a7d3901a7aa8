import type { ClientIdentity } from '../auth/key-index.js';
import { GatewayError } from '../core/errors.js';
import { compileIpMatcher, type IpMatcher } from '../ip-filter/ip-matcher.js';
import { compileGlob } from '../policies/compile-glob.js';
import type { ApiKeyRecord } from '../storage/repositories/api-keys-repository.js';
import type { BudgetLedger } from './budget-ledger.js';
import type { KeyPolicy } from './key-policy.js';
import { BucketWindow, RequestWindow } from './sliding-window.js';

/** A key's policy compiled once (globs to RegExps, CIDRs to a matcher) when the key index is rebuilt. */
export interface CompiledKeyPolicy {
  keyId: string;
  keyName: string;
  expiresAt: number | null;
  disabled: boolean;
  allowedModels?: RegExp[];
  blockedModels?: RegExp[];
  allowedCombos?: RegExp[];
  ipAllowed?: IpMatcher;
  limits: NonNullable<KeyPolicy['limits']>;
}

export function compileKeyPolicy(key: ApiKeyRecord): CompiledKeyPolicy | undefined {
  const { policy } = key;
  const unrestricted =
    key.expiresAt === null &&
    !key.disabled &&
    policy.allowedModels === undefined &&
    policy.blockedModels === undefined &&
    policy.allowedCombos === undefined &&
    policy.ipAllowlist === undefined &&
    Object.keys(policy.limits ?? {}).length === 0;
  // Most keys have no policy: the hot path then skips governance entirely.
  if (unrestricted) return undefined;
  return {
    keyId: key.id,
    keyName: key.name,
    expiresAt: key.expiresAt,
    disabled: key.disabled,
    allowedModels: policy.allowedModels?.map(compileGlob),
    blockedModels: policy.blockedModels?.map(compileGlob),
    allowedCombos: policy.allowedCombos?.map(compileGlob),
    ipAllowed: policy.ipAllowlist === undefined ? undefined : compileIpMatcher(policy.ipAllowlist),
    limits: policy.limits ?? {},
  };
}

export interface AdmissionInput {
  identity: ClientIdentity | undefined;
  /** The names the request goes by: the requested string and, for a direct model, the resolved `provider/model`. */
  models: readonly string[];
  /** The combo the request runs, if any. */
  combo: string | undefined;
  /** Estimated tokens (prompt plus expected output), reserved against tokens per minute; asked only when limited. */
  estimateTokens: () => number;
  /** Estimated cost in nano-USD, reserved against the key's budgets; asked only when it has one. */
  estimateCostNano: () => number;
}

/** What an admitted request really used, to settle its reservations. */
export interface RequestOutcome {
  tokens: number | undefined;
  costNano: number;
}

/** Ends an admitted request: frees its concurrency slot and settles its token and budget reservations. */
export type Release = (outcome: RequestOutcome) => void;

interface KeyCounters {
  rpm?: RequestWindow;
  rpd?: BucketWindow;
  tpm?: BucketWindow;
  /** Shared across policy changes, so requests admitted under the old policy still free their slot. */
  inFlight: { count: number };
  /** The limits these counters were built for: a changed policy starts fresh counters. */
  limits: CompiledKeyPolicy['limits'];
}

const noop: Release = () => {};

/**
 * Enforces per-key policy on client requests. Checks run synchronously from admission to recording, so concurrent
 * requests on the one event loop cannot both take the last slot. Counters live in memory, one set per key.
 */
export class KeyGovernance {
  private readonly counters = new Map<string, KeyCounters>();

  constructor(private readonly options: { now?: () => number; budgets?: BudgetLedger } = {}) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Whether a key needs governing at all: a policy, or a budget. */
  governs(identity: ClientIdentity | undefined): boolean {
    if (identity === undefined) return false;
    return identity.policy !== undefined || this.options.budgets?.has(identity.keyId) === true;
  }

  /** The key's own state (disabled, expired, wrong address): checked first, before the model is even resolved. */
  checkKey(identity: ClientIdentity | undefined, address: string): void {
    const policy = identity?.policy;
    if (policy === undefined) return;
    const now = this.now();
    const key = `'${policy.keyName}'`;
    if (policy.disabled) throw new GatewayError('forbidden', `API key ${key} is disabled`);
    if (policy.expiresAt !== null && policy.expiresAt <= now) {
      throw new GatewayError(
        'invalid_api_key',
        `API key ${key} expired at ${new Date(policy.expiresAt).toISOString()}`,
      );
    }
    if (policy.ipAllowed !== undefined && !policy.ipAllowed(address)) {
      throw new GatewayError('forbidden', `API key ${key} may not be used from ${address}`);
    }
  }

  /** Model and combo rules, then limits; the returned Release must be called once the request ends. */
  admit(input: AdmissionInput): Release {
    const { identity } = input;
    if (identity === undefined) return noop;
    const policy = identity.policy;
    const release = policy === undefined ? noop : this.admitByPolicy(policy, input);
    const budgets = this.options.budgets;
    if (budgets === undefined || !budgets.has(identity.keyId)) return release;
    let settle: ((costNano: number) => void) | undefined;
    try {
      settle = budgets.reserve(identity.keyId, identity.keyName, input.estimateCostNano());
    } catch (error) {
      release({ tokens: 0, costNano: 0 });
      throw error;
    }
    return (outcome) => {
      release(outcome);
      settle?.(outcome.costNano);
    };
  }

  /** Model and combo rules only, taking nothing from the limits (answers served without an upstream call). */
  checkModels(input: Pick<AdmissionInput, 'identity' | 'models' | 'combo'>): void {
    const policy = input.identity?.policy;
    if (policy !== undefined) this.checkRules(policy, input);
  }

  private admitByPolicy(policy: CompiledKeyPolicy, input: AdmissionInput): Release {
    this.checkRules(policy, input);
    const estimate = policy.limits.tpm === undefined ? 0 : Math.max(0, Math.ceil(input.estimateTokens()));
    return this.take(policy, this.now(), estimate);
  }

  private checkRules(policy: CompiledKeyPolicy, input: Pick<AdmissionInput, 'models' | 'combo'>): void {
    const key = `'${policy.keyName}'`;
    const requested = input.models[0] ?? '';
    const matches = (globs: RegExp[]) => input.models.some((model) => globs.some((glob) => glob.test(model)));
    if (policy.blockedModels !== undefined && matches(policy.blockedModels)) {
      throw new GatewayError('forbidden', `API key ${key} may not use model '${requested}'`, { param: 'model' });
    }
    if (input.combo !== undefined && policy.allowedCombos !== undefined) {
      const combo = input.combo;
      if (!policy.allowedCombos.some((glob) => glob.test(combo))) {
        throw new GatewayError('forbidden', `API key ${key} may not use combo '${combo}'`, { param: 'model' });
      }
    } else if (policy.allowedModels !== undefined && !matches(policy.allowedModels)) {
      throw new GatewayError('forbidden', `API key ${key} may not use model '${requested}'`, { param: 'model' });
    }
  }

  private take(policy: CompiledKeyPolicy, now: number, estimate: number): Release {
    const { limits } = policy;
    const counters = this.countersFor(policy);
    const key = `'${policy.keyName}'`;
    if (limits.maxConcurrent !== undefined && counters.inFlight.count >= limits.maxConcurrent) {
      throw limited(`API key ${key} already has ${limits.maxConcurrent} requests in flight`, 1);
    }
    const rpmWait = counters.rpm?.waitMs(now) ?? 0;
    if (rpmWait > 0)
      throw limited(`API key ${key} is over its limit of ${limits.rpm} requests per minute`, rpmWait / 1000);
    for (const [name, window] of [
      ['requests per day', counters.rpd],
      ['tokens per minute', counters.tpm],
    ] as const) {
      if (window !== undefined && window.used(now) >= window.limit) {
        throw limited(`API key ${key} is over its limit of ${window.limit} ${name}`, window.waitSeconds(now));
      }
    }
    counters.rpm?.record(now);
    counters.rpd?.add(now, 1);
    counters.tpm?.add(now, estimate);
    counters.inFlight.count += 1;
    let released = false;
    return ({ tokens }) => {
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

function limited(message: string, seconds: number): GatewayError {
  return new GatewayError('rate_limited', message, { retryAfterSeconds: Math.max(1, Math.ceil(seconds)) });
}
