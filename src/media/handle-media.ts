/**
 * The request pipeline of the non-chat endpoints (embeddings, images, transcription), built from the same pieces
 * as the chat pipeline (generation-handler.ts): key checks and limits (`checkKey`, `admitRequest`), routing
 * policies, model resolution (aliases, combos, `provider/model`, bare ids), the routing plan with fallback,
 * cooldowns and breakers (`planCombo` + `executePlan`), the route trace and target headers, and exactly one
 * request-log row with usage and cost.
 *
 * To plug in another operation: write a `MediaOperation` (media-operation.ts) — `parse` turns the client's body into
 * a request with a `model`; `modelType` is the catalog type it serves; `adapterFor` picks, from the resolved target's
 * wire format (or model id), a function that makes one upstream call for one account and returns the answer in the
 * client's format with its usage; `estimate` is the usage reserved against budgets. Then register a route that
 * calls `handleMedia(deps, { request, reply, identity, operation, body })`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientIdentity } from '../auth/key-index.js';
import { GatewayError } from '../core/errors.js';
import { executePlan } from '../gateway/execute-plan.js';
import { failExchange, recordExchange } from '../gateway/finish-exchange.js';
import { GenerationExchange } from '../gateway/generation-exchange.js';
import type { GenerationDependencies } from '../gateway/generation-handler.js';
import { RequestLogEntry } from '../gateway/request-log-entry.js';
import { modelAfterPolicies } from '../gateway/request-shaping.js';
import { admitRequest, checkKey } from '../governance/govern-request.js';
import type { Release } from '../governance/key-governance.js';
import { type PlannedTarget, planCombo } from '../routing/combo-plan.js';
import { resolveRequestModel } from '../routing/resolve-request-model.js';
import { startBodyCapture } from '../usage/body-capture.js';
import type { MediaAnswer, MediaOperation, MediaRequest } from './media-operation.js';
import { servableTargets } from './servable-targets.js';

export interface MediaRequestInput<Request extends MediaRequest> {
  request: FastifyRequest;
  reply: FastifyReply;
  identity: ClientIdentity | undefined;
  operation: MediaOperation<Request>;
  body: unknown;
  /** Route-specific rewriting inside the logged request (pinned-provider routes prefix the model). */
  prepare?: (body: unknown) => unknown;
}

export async function handleMedia<Request extends MediaRequest>(
  deps: GenerationDependencies,
  input: MediaRequestInput<Request>,
): Promise<void> {
  const { request, reply, identity, operation } = input;
  const { codec } = operation;
  const requestId = randomUUID();
  const log = new RequestLogEntry(requestId, request.routeOptions.url ?? request.url, codec.format, identity?.keyId);
  const exchange = new GenerationExchange(reply, log);
  const capture = startBodyCapture(deps.requestLogSettings?.(), input.body);
  if (capture !== undefined) exchange.observer = capture.observe(undefined);
  let release: Release | undefined;
  try {
    checkKey(deps.governance, request, identity);
    const body = input.prepare === undefined ? input.body : input.prepare(input.body);
    const parsed = operation.parse(body);
    log.modelRequested = parsed.model;
    const snapshot = deps.snapshot();
    const model = modelAfterPolicies(deps.shaping, { identity, model: parsed.model, snapshot });
    const requestTarget = resolveRequestModel(model, snapshot);
    const planned: PlannedTarget[] =
      requestTarget.kind === 'combo'
        ? planCombo(requestTarget.combo, snapshot, deps.runtime.combos)
        : [{ model, resolved: requestTarget.resolved, combo: '', index: 0 }];
    const targets = servableTargets(planned, operation, request.routeOptions.url ?? request.url);
    release = await admitRequest(deps.governance, {
      identity,
      requested: parsed.model,
      model,
      target: requestTarget,
      body,
      estimate: operation.estimate(parsed),
    });
    const combo = requestTarget.kind === 'combo' ? requestTarget.combo : undefined;
    const strategy = combo?.strategy ?? 'single';
    log.combo = combo?.name;
    exchange.trace = { strategy, combo: combo?.name, attempts: 0 };

    let answer: MediaAnswer | undefined;
    const failures = await executePlan({
      targets,
      runtime: deps.runtime,
      snapshot,
      sessionId: undefined,
      signal: exchange.signal,
      // Nothing reaches the client before the whole answer is in, so every failure may fall back.
      streamStarted: () => false,
      maxAttempts: combo?.config.maxAttempts,
      attempt: async (target, connection, attemptNumber) => {
        const { resolved } = target;
        exchange.beginAttempt(resolved, connection, attemptNumber, { strategy, combo: combo?.name });
        const adapter = operation.adapterFor(resolved);
        if (adapter === undefined) throw new GatewayError('internal', 'No media adapter for a planned target.');
        log.upstreamBegin();
        try {
          answer = await adapter(parsed, { resolved, connection, upstream: deps.upstream, signal: exchange.signal });
        } finally {
          log.upstreamEnd();
        }
      },
    });
    log.attempts = failures.length + 1;
    if (answer === undefined) throw new GatewayError('internal', 'The media request ended without an answer.');
    log.usage = answer.usage;
    log.markFirstByte();
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    exchange.sendJson(text, 200, answer.contentType);
  } catch (thrown) {
    failExchange(deps, { request, exchange, codec, thrown });
  } finally {
    recordExchange(deps, { exchange, release, capture });
  }
}
