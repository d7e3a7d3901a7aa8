import type { ClientIdentity } from '../auth/key-index.js';
import { GatewayError } from '../core/errors.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import type { PoliciesRepository } from '../storage/repositories/policies-repository.js';
import { compileGlob } from './compile-glob.js';
import { describeRequestTarget, type RequestTargetFacts } from './describe-request-target.js';
import type { Policy, PolicyAction } from './policy.js';

interface CompiledPolicy {
  name: string;
  action: PolicyAction;
  keys: ReadonlySet<string> | undefined;
  models: RegExp[] | undefined;
  providers: readonly string[] | undefined;
}

export interface PolicyInput {
  identity: ClientIdentity | undefined;
  /** The model string as the client sent it. */
  model: string;
  snapshot: ConfigSnapshot;
}

/** The model to resolve (a redirect's target, else the requested one) and the policy that redirected, if any. */
export interface PolicyOutcome {
  model: string;
  redirectedBy?: string;
}

/**
 * Enabled policies, compiled (globs to RegExps, keys to a Set) and ordered by priority; rebuilt on every change.
 * Evaluation, before model resolution:
 * 1. the first block or redirect rule (by priority) that matches decides: block → 403 naming the policy;
 *    redirect → the model is replaced (once: a redirect target is not redirected again);
 * 2. after a redirect, block rules are checked again against the new model;
 * 3. allowlists: when allow rules apply to the caller (their `keys` match it, or they name no keys), the request
 *    must satisfy one of them fully, else 403 naming them.
 * Matching: every criterion a rule names must hold. Models: any glob against the requested name, the resolved
 * `provider/model` or its bare model id. Providers: a block or redirect rule matches when the request may reach any
 * listed provider (a combo reaches all its targets' providers); an allow rule only when every provider it may reach
 * is listed.
 */
export class PolicyEngine {
  private rules: CompiledPolicy[] = [];

  constructor(private readonly repository: PoliciesRepository) {}

  async reload(): Promise<void> {
    this.rules = (await this.repository.list()).filter((policy) => policy.enabled).map(compile);
  }

  get size(): number {
    return this.rules.length;
  }

  evaluate({ identity, model, snapshot }: PolicyInput): PolicyOutcome {
    if (this.rules.length === 0) return { model };
    const callerRules = this.rules.filter((rule) => matchesKey(rule, identity));
    if (callerRules.length === 0) return { model };

    let facts = describeRequestTarget(model, snapshot);
    let outcome: PolicyOutcome = { model };
    for (const rule of callerRules) {
      if (rule.action.type === 'allow' || !matches(rule, facts, snapshot, 'any')) continue;
      if (rule.action.type === 'block') throw blocked(rule, rule.action.message, model);
      outcome = { model: rule.action.target, redirectedBy: rule.name };
      facts = describeRequestTarget(outcome.model, snapshot);
      break;
    }
    if (outcome.redirectedBy !== undefined) {
      for (const rule of callerRules) {
        if (rule.action.type === 'block' && matches(rule, facts, snapshot, 'any')) {
          throw blocked(rule, rule.action.message, outcome.model);
        }
      }
    }
    const allowRules = callerRules.filter((rule) => rule.action.type === 'allow');
    if (allowRules.length > 0 && !allowRules.some((rule) => matches(rule, facts, snapshot, 'all'))) {
      const names = allowRules.map((rule) => `'${rule.name}'`).join(', ');
      throw new GatewayError(
        'forbidden',
        `The model '${outcome.model}' is not allowed for this API key: policy ${names} allows only listed models and providers.`,
      );
    }
    return outcome;
  }
}

function compile(policy: Policy): CompiledPolicy {
  const { keys, models, providers } = policy.match;
  return {
    name: policy.name,
    action: policy.action,
    keys: keys === undefined ? undefined : new Set(keys),
    models: models?.map(compileGlob),
    providers,
  };
}

function matchesKey(rule: CompiledPolicy, identity: ClientIdentity | undefined): boolean {
  if (rule.keys === undefined) return true;
  return identity !== undefined && (rule.keys.has(identity.keyId) || rule.keys.has(identity.keyName));
}

function matches(
  rule: CompiledPolicy,
  facts: RequestTargetFacts,
  snapshot: ConfigSnapshot,
  providerMode: 'any' | 'all',
) {
  if (rule.models !== undefined && !rule.models.some((glob) => facts.models.some((name) => glob.test(name)))) {
    return false;
  }
  if (rule.providers === undefined) return true;
  // Aliases and ids both name a provider: compare ids.
  const listed = new Set(rule.providers.map((name) => snapshot.providersByName.get(name)?.id ?? name));
  if (providerMode === 'any') return facts.providers.some((id) => listed.has(id));
  return facts.providers.length > 0 && facts.providers.every((id) => listed.has(id));
}

function blocked(rule: CompiledPolicy, message: string | undefined, model: string): GatewayError {
  const reason = message ?? `requests for '${model}' are not allowed for this API key`;
  return new GatewayError('forbidden', `Blocked by policy '${rule.name}': ${reason}`);
}
