import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientIdentity } from '../auth/key-index.js';
import type { AnswerReuse, ReuseSession } from '../cache/answer-reuse.js';
import { progressFor } from '../cache/progress-frames.js';
import type { SharedSessionPins } from '../cluster/shared-session-pins.js';
import type { ClientCodec, ParseHints } from '../core/codec.js';
import type { GatewayError } from '../core/errors.js';
import { clientCodecs } from '../formats/index.js';
import { admitRequest, checkKey, checkModelRules } from '../governance/govern-request.js';
import type { KeyGovernance, Release } from '../governance/key-governance.js';
import type { SubscriptionSessions } from '../oauth/subscription-session.js';
import type { Logger } from '../observability/logger.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import { planCombo } from '../routing/combo-plan.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import { resolveRequestModel } from '../routing/resolve-request-model.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { startBodyCapture } from '../usage/body-capture.js';
import type { RequestLogSettings } from '../usage/request-log-settings.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';
import type { AnswerObserver } from './answer-observer.js';
import { executePlan } from './execute-plan.js';
import { failExchange, recordExchange } from './finish-exchange.js';
import { GenerationExchange } from './generation-exchange.js';
import { passThrough } from './pass-through.js';
import { peekRequest } from './peek-request.js';
import { RequestLogEntry } from './request-log-entry.js';
import {
  editedCanonical,
  editedWireBody,
  editsFor,
  modelAfterPolicies,
  type RequestShaping,
} from './request-shaping.js';
import { translate } from './translated.js';

export interface GenerationDependencies {
  snapshot(): ConfigSnapshot;
  upstream: UpstreamClient;
  requestLogs: RequestLogWriter;
  logger: Logger;
  runtime: RoutingRuntime;
  /** Detailed request logging (stored bodies); read per request so a settings change applies at once. */
  requestLogSettings?: () => RequestLogSettings;
  /** Routing policies, system prompt and thinking budget (absent: requests go as sent). */
  shaping?: RequestShaping;
  /** Told of every error a request ends with (the audit log records policy refusals). */
  onError?: (request: FastifyRequest, error: GatewayError) => void;
  /** Per-key policy: expiry, disable, IP allowlist, model rules and limits (absent: keys are unrestricted). */
  governance?: KeyGovernance;
  /** Subscription (OAuth) accounts: token refresh and provider wire quirks (absent: static keys only). */
  subscriptions?: SubscriptionSessions;
  /** Response cache and idempotency (absent: every request goes upstream). */
  reuse?: AnswerReuse;
  /** Session pins shared with the other gateway processes (absent: this process's pins only). */
  sharedPins?: Pick<SharedSessionPins, 'load'>;
}

export interface GenerationRequest {
  request: FastifyRequest;
  reply: FastifyReply;
  codec: ClientCodec;
  body: unknown;
  hints?: ParseHints;
  identity: ClientIdentity | undefined;
  /** Route-specific work inside the logged request (Responses continuations): may rewrite the body, observe the answer. */
  prepare?: (body: unknown) => Promise<{ body: unknown; observer?: AnswerObserver }>;
}

/**
 * Answers one generation request (chat, messages, responses, generateContent, Ollama chat): resolve the model,
 * pick an account, then pass through (same format) or translate, and log exactly one row whatever happens.
 */
export async function handleGeneration(deps: GenerationDependencies, input: GenerationRequest): Promise<void> {
  const { request, reply, codec, hints = {}, identity, prepare } = input;
  const requestId = randomUUID();
  const log = new RequestLogEntry(requestId, request.routeOptions.url ?? request.url, codec.format, identity?.keyId);
  const exchange = new GenerationExchange(reply, log);
  let body = input.body;
  const capture = startBodyCapture(deps.requestLogSettings?.(), body);
  let release: Release | undefined;
  let reuse: ReuseSession | undefined;
  try {
    checkKey(deps.governance, request, identity);
    if (prepare !== undefined) {
      const prepared = await prepare(body);
      body = prepared.body;
      exchange.observer = prepared.observer;
    }
    if (capture !== undefined) exchange.observer = capture.observe(exchange.observer);
    const peek = peekRequest(codec.format, body, hints);
    log.modelRequested = peek.model;
    log.streamed = peek.stream;
    const snapshot = deps.snapshot();
    // Policies see the requested model and the caller's key; a redirect replaces the model before resolution.
    const model = modelAfterPolicies(deps.shaping, { identity, model: peek.model, snapshot });
    const edits = editsFor(deps.shaping, request.headers, body);
    const requestTarget = resolveRequestModel(model, snapshot);
    const context = { model: peek.model, created: Math.floor(log.startedAt / 1000), id: requestId.replaceAll('-', '') };
    if (peek.stream) exchange.progress = progressFor(codec, request.headers);
    const route = request.routeOptions.url ?? request.url;
    reuse = deps.reuse?.begin({
      headers: request.headers,
      route,
      codec,
      body,
      identity,
      target: requestTarget,
      edits,
      exchange,
    });
    const reused = await reuse?.lookup();
    if (reuse !== undefined && reused !== undefined) {
      // Served without an upstream call: the key's model rules still hold, its limits and budgets are not charged.
      checkModelRules(deps.governance, { identity, requested: peek.model, model, target: requestTarget });
      await reuse.replay(reused, context, peek.stream);
      return;
    }
    release = await admitRequest(deps.governance, {
      identity,
      requested: peek.model,
      model,
      target: requestTarget,
      body,
    });
    const targets =
      requestTarget.kind === 'combo'
        ? planCombo(requestTarget.combo, snapshot, deps.runtime.combos)
        : [{ model, resolved: requestTarget.resolved, combo: '', index: 0 }];
    const combo = requestTarget.kind === 'combo' ? requestTarget.combo : undefined;
    log.combo = combo?.name;
    // Replaced by the first upstream call; until then a refusal (breaker open, every account cooling down) still
    // says how routing ran.
    exchange.trace = { strategy: combo?.strategy ?? 'single', combo: combo?.name, attempts: 0 };
    const sessionId = sessionIdOf(request.headers);
    if (sessionId !== undefined) exchange.setHeader('x-omniroute-session-id', sessionId);
    // Routing reads pins synchronously: this session's shared pins are loaded into the local ones first.
    if (sessionId !== undefined && deps.sharedPins !== undefined) await deps.sharedPins.load(sessionId);
    const parsed = memoize(() => codec.parseRequest(body, hints));

    const failures = await executePlan({
      targets,
      runtime: deps.runtime,
      snapshot,
      sessionId,
      signal: exchange.signal,
      streamStarted: () => exchange.stream?.hasStarted === true,
      maxAttempts: combo?.config.maxAttempts,
      attempt: async (target, connection, attemptNumber) => {
        const { resolved } = target;
        const upstreamTarget = {
          provider: resolved.provider,
          connection,
          adapter: upstreamAdapters[resolved.format],
          session: deps.subscriptions?.sessionFor(resolved.provider, connection),
        };
        exchange.beginAttempt(resolved, connection, attemptNumber, {
          strategy: combo?.strategy ?? 'single',
          combo: combo?.name,
        });
        // Pass-through only when the client's codec is that format's own (legacy completions share 'openai' but not its body).
        if (clientCodecs[resolved.format] === codec) {
          const passBody = editedWireBody(body as Record<string, unknown>, edits, resolved);
          await passThrough({
            client: deps.upstream,
            target: upstreamTarget,
            body: passBody,
            peek,
            upstreamModel: resolved.model,
            exchange,
          });
        } else {
          await translate({
            client: deps.upstream,
            target: upstreamTarget,
            codec,
            parsed: editedCanonical(parsed, edits, resolved),
            upstreamModel: resolved.model,
            context,
            exchange,
          });
        }
      },
    });
    log.attempts = failures.length + 1;
  } catch (thrown) {
    failExchange(deps, { request, exchange, codec, thrown });
  } finally {
    recordExchange(deps, { exchange, release, reuse, capture });
  }
}

/** `X-Session-Id` (or `x_session_id`, which some clients send): the sticky-session key. Never forwarded upstream. */
function sessionIdOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['x-session-id'] ?? headers.x_session_id;
  const id = Array.isArray(value) ? value[0] : value;
  return id === undefined || id.trim() === '' ? undefined : id.trim().slice(0, 200);
}

function memoize<T>(compute: () => T): () => T {
  let value: { result: T } | undefined;
  return () => {
    value ??= { result: compute() };
    return value.result;
  };
}
