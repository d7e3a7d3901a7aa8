import { GatewayError, toGatewayError } from '../core/errors.js';
import type { PlannedTarget } from '../routing/combo-plan.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import { classifyFailure } from '../routing/resilience/classify-failure.js';
import type { ResolvedModel } from '../routing/resolve-model.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import { type AttemptRecord, exhaustionError } from './attempt-record.js';
import { StreamAbandoned } from './translated.js';

export type ResolvedTarget = PlannedTarget & { resolved: ResolvedModel };

export interface PlanExecution {
  targets: readonly PlannedTarget[];
  runtime: RoutingRuntime;
  snapshot: ConfigSnapshot;
  sessionId: string | undefined;
  signal: AbortSignal;
  /** True once a byte of the answer reached the client: from then on no fallback is possible. */
  streamStarted(): boolean;
  maxAttempts?: number;
  attempt(target: ResolvedTarget, connection: ConnectionRecord, attemptNumber: number): Promise<void>;
  now?: () => number;
}

/**
 * Runs a routing plan: targets in order, each target's usable accounts in strategy order, falling through on
 * failures the classification table allows, until one answers. Cooldowns, breakers and lockouts are updated as
 * it goes. Resolves with the attempts that failed before the success (for the trace and the log).
 */
export async function executePlan(plan: PlanExecution): Promise<AttemptRecord[]> {
  const { runtime, signal, now = Date.now } = plan;
  const attempts: AttemptRecord[] = [];
  const tried = new Set<string>();
  for (let round = 0; round < 2; round += 1) {
    let calls = 0;
    let earliestCooldownEnd = Number.POSITIVE_INFINITY;
    for (const target of plan.targets) {
      if (target.unresolved !== undefined || target.resolved === undefined) {
        const error = target.unresolved ?? new GatewayError('model_not_found', `Cannot resolve ${target.model}.`);
        attempts.push({ target: target.model, reason: 'unresolved', message: error.message, error });
        continue;
      }
      const resolvedTarget = target as ResolvedTarget;
      const provider = resolvedTarget.resolved.provider;
      const candidates = accountCandidates(plan, resolvedTarget, tried, attempts);
      earliestCooldownEnd = Math.min(earliestCooldownEnd, candidates.earliestCooldownEnd);
      // Asked only when a call will follow: in HALF_OPEN a yes reserves the single probe.
      if (candidates.usable.length > 0 && !runtime.breakers.canRequest(provider.id)) {
        attempts.push(breakerSkip(target.model, runtime, provider.id, now()));
        continue;
      }
      for (const connection of candidates.usable) {
        if (plan.maxAttempts !== undefined && calls >= plan.maxAttempts) return failWith(attempts);
        tried.add(triedKey(connection.id, resolvedTarget.resolved.model));
        const outcome = await runAttempt(plan, resolvedTarget, connection, attempts);
        calls += 1;
        if (outcome === 'success') return attempts;
        if (outcome === 'next-target') break;
      }
    }
    const waitMs = earliestCooldownEnd - now();
    const everyoneCooling = calls === 0 && attempts.length > 0 && attempts.every((a) => a.reason === 'cooling_down');
    if (round > 0 || !everyoneCooling || waitMs > runtime.resilience.shortWaitMaxMs) break;
    // Every candidate is in a short cooldown: waiting briefly beats failing the request.
    await abortableSleep(Math.max(0, waitMs), signal);
    attempts.length = 0;
  }
  return failWith(attempts);
}

function breakerSkip(target: string, runtime: RoutingRuntime, provider: string, now: number): AttemptRecord {
  const status = runtime.breakers.status(provider);
  const waitMs = status.nextProbeAt === undefined ? undefined : Math.max(0, status.nextProbeAt - now);
  const message = `Provider ${provider} circuit breaker is open after ${status.failures} failures.`;
  const retryAfterSeconds = waitMs === undefined ? undefined : Math.max(1, Math.ceil(waitMs / 1000));
  return {
    target,
    reason: 'circuit_open',
    message,
    retryAfterMs: waitMs,
    error: new GatewayError('circuit_open', message, { retryAfterSeconds }),
  };
}

function failWith(attempts: AttemptRecord[]): never {
  throw exhaustionError(attempts);
}

async function runAttempt(
  plan: PlanExecution,
  target: ResolvedTarget,
  connection: ConnectionRecord,
  attempts: AttemptRecord[],
): Promise<'success' | 'next-account' | 'next-target'> {
  const { runtime, signal } = plan;
  const provider = target.resolved.provider;
  let release: () => void;
  try {
    release = await runtime.limiter.acquire(connection.id, signal);
  } catch (thrown) {
    const error = toGatewayError(thrown);
    const retryAfterMs = error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000;
    attempts.push({
      target: target.model,
      connection: connection.name,
      reason: error.code,
      message: error.message,
      retryAfterMs,
      error,
    });
    if (signal.aborted) throw thrown;
    return 'next-account';
  }
  runtime.accounts.begin(connection.id);
  runtime.combos.begin(target.combo, target.index);
  let succeeded = false;
  try {
    await plan.attempt(target, connection, attempts.length + 1);
    succeeded = true;
    // A success may end a cooldown, close a breaker (the half-open probe) or lift a lockout: persist that, or a
    // restart would bring back a breaker that is already closed.
    const cleared = runtime.cooldowns.recordSuccess(connection.id);
    const closed = runtime.breakers.recordSuccess(provider.id);
    const unlocked = runtime.lockouts.recordSuccess(connection.id, target.resolved.model);
    runtime.dirty ||= cleared || closed || unlocked;
    runtime.combos.recordServed(target.combo, target.index);
    if (plan.sessionId !== undefined) runtime.sessions.pin(plan.sessionId, provider.id, connection.id);
    return 'success';
  } catch (thrown) {
    const error = toGatewayError(thrown instanceof StreamAbandoned ? thrown.error : thrown);
    const failure = classifyFailure(error);
    if (failure.cooldown) runtime.cooldowns.recordFailure(connection.id, failure);
    if (failure.breaker) runtime.breakers.recordFailure(provider.id);
    if (failure.lockout) runtime.lockouts.recordFailure(connection.id, target.resolved.model);
    runtime.dirty ||= failure.cooldown || failure.breaker || failure.lockout;
    if (plan.sessionId !== undefined) runtime.sessions.unpin(plan.sessionId, provider.id);
    attempts.push({
      target: target.model,
      connection: connection.name,
      status: error.status,
      reason: failure.reason,
      message: error.message,
      retryAfterMs: failure.retryAfterMs,
      error,
    });
    if (!failure.fallback || plan.streamStarted() || signal.aborted) throw thrown;
    return failure.scope === 'model' ? 'next-target' : 'next-account';
  } finally {
    release();
    runtime.accounts.end(connection.id, succeeded);
    runtime.combos.end(target.combo, target.index);
  }
}

function accountCandidates(
  plan: PlanExecution,
  target: ResolvedTarget,
  tried: ReadonlySet<string>,
  attempts: AttemptRecord[],
): { usable: ConnectionRecord[]; earliestCooldownEnd: number } {
  const { runtime, snapshot, sessionId, now = Date.now } = plan;
  const provider = target.resolved.provider;
  const active = snapshot.activeConnections.get(provider.id) ?? [];
  const pool = target.connectionId === undefined ? active : active.filter((c) => c.id === target.connectionId);
  if (pool.length === 0) {
    const message =
      target.connectionId === undefined
        ? `No active connection for provider '${provider.id}'. Add one with POST /api/providers {"provider":"${provider.id}", "apiKey":"..."}.`
        : `The pinned connection ${target.connectionId} of provider '${provider.id}' is missing or inactive.`;
    attempts.push({
      target: target.model,
      reason: 'no_active_connection',
      message,
      error: new GatewayError('no_active_connection', message),
    });
    return { usable: [], earliestCooldownEnd: Number.POSITIVE_INFINITY };
  }
  const { accountStrategy, stickyLimit } = runtime.routing;
  const ordered = runtime.accounts.order({
    provider: provider.id,
    accounts: pool,
    strategy: accountStrategy,
    stickyLimit,
  });
  const pinned = sessionId === undefined ? undefined : runtime.sessions.get(sessionId, provider.id);
  if (pinned !== undefined) ordered.sort((a, b) => Number(b.id === pinned) - Number(a.id === pinned));

  const usable: ConnectionRecord[] = [];
  let earliestCooldownEnd = Number.POSITIVE_INFINITY;
  for (const connection of ordered) {
    if (tried.has(triedKey(connection.id, target.resolved.model))) continue;
    const cooldown = runtime.cooldowns.active(connection.id);
    if (cooldown !== undefined) {
      const retryAfterMs = Math.max(0, cooldown.until - now());
      earliestCooldownEnd = Math.min(earliestCooldownEnd, cooldown.until);
      attempts.push({
        target: target.model,
        connection: connection.name,
        reason: 'cooling_down',
        message: `Account is cooling down for ${Math.ceil(retryAfterMs / 1000)} s after ${cooldown.reason}.`,
        retryAfterMs,
        error: new GatewayError(
          'rate_limited',
          `Account ${connection.name} of ${provider.id} is cooling down after ${cooldown.reason}.`,
          {
            retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
          },
        ),
      });
      continue;
    }
    if (runtime.lockouts.isLocked(connection.id, target.resolved.model)) {
      attempts.push({
        target: target.model,
        connection: connection.name,
        reason: 'model_locked_out',
        message: `${target.resolved.model} keeps failing on this account; skipped for a while.`,
      });
      continue;
    }
    usable.push(connection);
  }
  return { usable, earliestCooldownEnd };
}

function triedKey(connectionId: string, model: string): string {
  return `${connectionId}\u0000${model}`;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
