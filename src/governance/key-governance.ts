import type { ClientIdentity } from '../auth/key-index.js';
import { GatewayError } from '../core/errors.js';
import { compileIpMatcher, type IpMatcher } from '../ip-filter/ip-matcher.js';
import { compileGlob } from '../policies/compile-glob.js';
import type { ApiKeyRecord } from '../storage/repositories/api-keys-repository.js';
import type { BudgetReservations } from './budget-reservations.js';
import type { KeyPolicy } from './key-policy.js';
import { type LimitCounters, LocalLimitCounters, type ReleaseLimits } from './limit-counters.js';

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

const noop: Release = () => {};

/**
 * Enforces per-key policy on client requests: key state, model and combo rules, then the limits (LimitCounters) and
 * budgets (BudgetReservations), each counted in this process's memory or, with Redis, shared by every process.
 */
export class KeyGovernance {
  private readonly limits: LimitCounters;
  private readonly budgets: BudgetReservations | undefined;

  constructor(
    private readonly options: { now?: () => number; budgets?: BudgetReservations; limits?: LimitCounters } = {},
  ) {
    this.limits = options.limits ?? new LocalLimitCounters(options.now);
    this.budgets = options.budgets;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Whether a key needs governing at all: a policy, or a budget. */
  governs(identity: ClientIdentity | undefined): boolean {
    if (identity === undefined) return false;
    return identity.policy !== undefined || this.budgets?.has(identity.keyId) === true;
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

  /** Model and combo rules, then limits and budgets; the returned Release must be called once the request ends. */
  async admit(input: AdmissionInput): Promise<Release> {
    const { identity } = input;
    if (identity === undefined) return noop;
    const { policy } = identity;
    if (policy !== undefined) this.checkRules(policy, input);
    const budgets = this.budgets?.has(identity.keyId) === true ? this.budgets : undefined;
    // Limits and budgets are asked together: with Redis both leave in one write and answer in one round trip.
    const [limits, budget] = await Promise.allSettled([
      policy === undefined ? undefined : this.takeLimits(policy, input),
      budgets?.reserve(identity.keyId, identity.keyName, input.estimateCostNano()),
    ]);
    if (limits.status === 'rejected' || budget.status === 'rejected') {
      // A refused request costs nothing: what the other check took is given back (the limits' refusal first).
      if (limits.status === 'fulfilled') limits.value?.(0);
      if (budget.status === 'fulfilled') budget.value?.(0);
      throw limits.status === 'rejected' ? limits.reason : (budget as PromiseRejectedResult).reason;
    }
    const release = limits.value;
    const settle = budget.value;
    if (release === undefined && settle === undefined) return noop;
    return (outcome) => {
      release?.(outcome.tokens);
      settle?.(outcome.costNano);
    };
  }

  /** Model and combo rules only, taking nothing from the limits (answers served without an upstream call). */
  checkModels(input: Pick<AdmissionInput, 'identity' | 'models' | 'combo'>): void {
    const policy = input.identity?.policy;
    if (policy !== undefined) this.checkRules(policy, input);
  }

  private takeLimits(policy: CompiledKeyPolicy, input: AdmissionInput): Promise<ReleaseLimits> {
    const estimate = policy.limits.tpm === undefined ? 0 : Math.max(0, Math.ceil(input.estimateTokens()));
    return this.limits.take(policy, estimate);
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
}
