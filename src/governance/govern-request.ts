import type { FastifyRequest } from 'fastify';
import type { ClientIdentity } from '../auth/key-index.js';
import type { Usage } from '../core/canonical.js';
import { clientAddress } from '../http/client-address.js';
import type { RequestTarget } from '../routing/resolve-request-model.js';
import { type Cost, computeCost, toNanoUsd } from '../usage/compute-cost.js';
import type { KeyGovernance, Release, RequestOutcome } from './key-governance.js';

/** Output tokens assumed for the reservation when the request sets no maximum. */
const defaultOutputTokens = 1_000;

/** The generation pipeline's first governance step: the key itself (disabled, expired, address). */
export function checkKey(governance: KeyGovernance | undefined, request: FastifyRequest, identity?: ClientIdentity) {
  if (governance !== undefined && identity?.policy !== undefined) governance.checkKey(identity, clientAddress(request));
}

/**
 * After resolution: the key's model and combo rules and its limits. Resolves to what ends the request's reservation;
 * undefined at once (no promise) for a key that is not governed, the common case.
 */
export function admitRequest(
  governance: KeyGovernance | undefined,
  input: {
    identity: ClientIdentity | undefined;
    requested: string;
    model: string;
    target: RequestTarget;
    body: unknown;
    /** The usage to reserve for, when the route knows better than the body's JSON length (images, audio). */
    estimate?: Usage;
  },
): Promise<Release> | undefined {
  if (governance === undefined || !governance.governs(input.identity)) return undefined;
  const { target } = input;
  const pricing = target.kind === 'model' ? target.resolved.definition?.pricing : undefined;
  const models = modelNames(input);
  // Both the token limit and the budget may ask: the body is measured once.
  let estimate = input.estimate;
  const usage = () => {
    estimate ??= estimateTokens(input.body);
    return estimate;
  };
  return governance.admit({
    identity: input.identity,
    models,
    combo: target.kind === 'combo' ? target.combo.name : undefined,
    estimateTokens: () => usage().inputTokens + usage().outputTokens,
    estimateCostNano: () => toNanoUsd(computeCost(usage(), pricing).usd),
  });
}

/**
 * The key's model and combo rules alone, for an answer served without an upstream call (response cache hit,
 * idempotent repeat): a key must not read answers of a model it may not use, but nothing is charged to its limits.
 */
export function checkModelRules(
  governance: KeyGovernance | undefined,
  input: { identity: ClientIdentity | undefined; requested: string; model: string; target: RequestTarget },
): void {
  if (governance === undefined || input.identity?.policy === undefined) return;
  const { target } = input;
  governance.checkModels({
    identity: input.identity,
    models: modelNames(input),
    combo: target.kind === 'combo' ? target.combo.name : undefined,
  });
}

/** The names a request goes by: as requested, after policies, and for a direct model its `provider/model` and id. */
function modelNames(input: { requested: string; model: string; target: RequestTarget }): string[] {
  const { target } = input;
  const models = [input.requested, input.model];
  if (target.kind === 'model')
    models.push(`${target.resolved.provider.id}/${target.resolved.model}`, target.resolved.model);
  return models;
}

/** What a finished request really used, from its log entry. */
export function requestOutcome(log: { usage: Usage | undefined; cost: Cost }): RequestOutcome {
  const { usage } = log;
  return {
    tokens: usage === undefined ? undefined : usage.inputTokens + usage.outputTokens,
    costNano: toNanoUsd(log.cost.usd),
  };
}

/**
 * A cheap estimate (JSON length / 4 for the prompt, plus the requested or a default output maximum): the tokenizer
 * is too slow for the hot path, and the JSON overcounts the prompt, which errs on the safe side.
 */
function estimateTokens(body: unknown): Usage {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const maxOutput = [record.max_tokens, record.max_completion_tokens, record.max_output_tokens].find(
    (value): value is number => typeof value === 'number' && value > 0,
  );
  const inputTokens = Math.ceil(JSON.stringify(body ?? '').length / 4);
  const outputTokens = maxOutput ?? defaultOutputTokens;
  return { inputTokens, outputTokens };
}
