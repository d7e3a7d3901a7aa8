import { toGatewayError } from '../core/errors.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import { maxComboDepth } from './combo.js';
import type { ConfigSnapshot } from './config-snapshot.js';
import { type ResolvedModel, resolveModel } from './resolve-model.js';
import { resolveRequestModel } from './resolve-request-model.js';
import type { RoutingRuntime } from './routing-runtime.js';

export interface UnavailableReason {
  code: string;
  message: string;
  /** Unix ms when this obstacle lifts by itself, when known. */
  until?: number;
}

export interface AccountAvailability {
  connectionId: string;
  name: string;
  available: boolean;
  reason?: string;
  until?: number;
}

export interface ModelAvailability {
  /** As asked (or `provider/model` when listing everything). */
  model: string;
  provider?: string;
  /** The model id sent upstream. */
  upstreamModel?: string;
  available: boolean;
  /** Empty when available. */
  reasons: UnavailableReason[];
  accounts: AccountAvailability[];
  /** For a combo: each of its targets (nested combos flattened), in the combo's own order. */
  targets?: ModelAvailability[];
}

export interface AvailabilityContext {
  snapshot: ConfigSnapshot;
  runtime: RoutingRuntime;
  /** Every connection, inactive ones included (the snapshot only holds active ones). */
  connections: readonly ConnectionRecord[];
  now: number;
}

/**
 * Whether a model (or alias, or combo) can be served right now, and if not, why: the same checks routing makes
 * (connections, cooldowns, lockouts, breaker, queue), read without side effects (no breaker probe is reserved).
 */
export function explainAvailability(requested: string, context: AvailabilityContext): ModelAvailability {
  try {
    const target = resolveRequestModel(requested, context.snapshot);
    if (target.kind === 'model') return { ...explainResolved(target.resolved, undefined, context), model: requested };
    const targets = comboTargets(target.combo.name, context, 1);
    const available = targets.some((entry) => entry.available);
    return {
      model: requested,
      available,
      reasons: available
        ? []
        : [{ code: 'all_targets_unavailable', message: `No target of combo '${target.combo.name}' can serve now.` }],
      accounts: [],
      targets,
    };
  } catch (thrown) {
    const error = toGatewayError(thrown);
    return {
      model: requested,
      available: false,
      reasons: [{ code: error.code, message: error.message }],
      accounts: [],
    };
  }
}

/** Every model of every provider that has at least one connection, as `provider/model`. */
export function connectedModels(context: AvailabilityContext): string[] {
  const withConnections = new Set(context.connections.map((connection) => connection.provider));
  return context.snapshot.providers
    .filter((provider) => withConnections.has(provider.id))
    .flatMap((provider) => provider.models.map((model) => `${provider.id}/${model.id}`));
}

function comboTargets(name: string, context: AvailabilityContext, depth: number): ModelAvailability[] {
  const combo = context.snapshot.combosByName.get(name);
  if (combo === undefined || depth > maxComboDepth) return [];
  return combo.targets.flatMap((target) => {
    if (context.snapshot.combosByName.has(target.model)) return comboTargets(target.model, context, depth + 1);
    try {
      const resolved = resolveModel(target.model, context.snapshot);
      return [{ ...explainResolved(resolved, target.connectionId, context), model: target.model }];
    } catch (thrown) {
      const error = toGatewayError(thrown);
      const reasons = [{ code: error.code, message: error.message }];
      return [{ model: target.model, available: false, reasons, accounts: [] }];
    }
  });
}

function explainResolved(
  resolved: ResolvedModel,
  pinnedConnectionId: string | undefined,
  context: AvailabilityContext,
): ModelAvailability {
  const { runtime, now } = context;
  const provider = resolved.provider.id;
  const result: ModelAvailability = {
    model: `${provider}/${resolved.model}`,
    provider,
    upstreamModel: resolved.model,
    available: false,
    reasons: [],
    accounts: [],
  };
  const all = context.connections.filter((connection) => connection.provider === provider);
  const pool =
    pinnedConnectionId === undefined ? all : all.filter((connection) => connection.id === pinnedConnectionId);
  if (pool.length === 0) {
    const message =
      pinnedConnectionId === undefined
        ? `Provider '${provider}' has no connection. Add one with POST /api/providers.`
        : `The pinned connection ${pinnedConnectionId} of provider '${provider}' does not exist.`;
    result.reasons.push({ code: 'no_connection', message });
    return result;
  }
  result.accounts = pool.map((connection) => explainAccount(connection, resolved.model, context));
  const breaker = breakerReason(provider, runtime, now);
  if (breaker !== undefined) result.reasons.push(breaker);
  if (!pool.some((connection) => connection.isActive)) {
    result.reasons.push({ code: 'no_active_connection', message: `Every connection of '${provider}' is inactive.` });
  } else if (!result.accounts.some((account) => account.available)) {
    const untils = result.accounts.flatMap((account) => (account.until === undefined ? [] : [account.until]));
    const reasons = [...new Set(result.accounts.flatMap((account) => (account.reason ? [account.reason] : [])))];
    result.reasons.push({
      code: 'no_account_available',
      message: `No account of '${provider}' can take ${resolved.model} now (${reasons.join(', ')}).`,
      ...(untils.length > 0 ? { until: Math.min(...untils) } : {}),
    });
  }
  result.available = result.reasons.length === 0;
  return result;
}

function explainAccount(
  connection: ConnectionRecord,
  model: string,
  context: AvailabilityContext,
): AccountAvailability {
  const { runtime } = context;
  const base = { connectionId: connection.id, name: connection.name };
  if (!connection.isActive) return { ...base, available: false, reason: 'inactive' };
  const cooldown = runtime.cooldowns.active(connection.id);
  if (cooldown !== undefined) {
    return { ...base, available: false, reason: `cooling_down (${cooldown.reason})`, until: cooldown.until };
  }
  const lockout = runtime.lockouts
    .list()
    .find((entry) => entry.connectionId === connection.id && entry.model === model);
  if (lockout !== undefined) return { ...base, available: false, reason: 'model_locked_out', until: lockout.until };
  const { maxConcurrent, maxQueue } = runtime.resilience.queue;
  const depth = runtime.limiter.depth(connection.id);
  if (maxConcurrent > 0 && depth.active >= maxConcurrent && depth.queued >= maxQueue) {
    return { ...base, available: false, reason: 'queue_full' };
  }
  return { ...base, available: true };
}

function breakerReason(provider: string, runtime: RoutingRuntime, now: number): UnavailableReason | undefined {
  const status = runtime.breakers.status(provider);
  if (status.state === 'closed' || status.nextProbeAt === undefined || now >= status.nextProbeAt) return undefined;
  if (status.state === 'open') {
    return {
      code: 'circuit_open',
      message: `The circuit breaker of '${provider}' is open after ${status.failures} failures; a probe may go at ${new Date(status.nextProbeAt).toISOString()}.`,
      until: status.nextProbeAt,
    };
  }
  return {
    code: 'circuit_half_open',
    message: `The circuit breaker of '${provider}' is letting one probe request through; others wait for its outcome.`,
    until: status.nextProbeAt,
  };
}
