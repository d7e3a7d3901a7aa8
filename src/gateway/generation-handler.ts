import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientIdentity } from '../auth/key-index.js';
import type { ClientCodec, ParseHints } from '../core/codec.js';
import { type GatewayError, toGatewayError } from '../core/errors.js';
import { clientCodecs } from '../formats/index.js';
import type { Logger } from '../observability/logger.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import { pickConnection } from '../routing/pick-connection.js';
import { resolveModel } from '../routing/resolve-model.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';
import type { AnswerObserver } from './answer-observer.js';
import { GenerationExchange } from './generation-exchange.js';
import { passThrough } from './pass-through.js';
import { peekRequest } from './peek-request.js';
import { RequestLogEntry } from './request-log-entry.js';
import { StreamAbandoned, translate } from './translated.js';

export interface GenerationDependencies {
  snapshot(): ConfigSnapshot;
  upstream: UpstreamClient;
  requestLogs: RequestLogWriter;
  logger: Logger;
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
  try {
    if (prepare !== undefined) {
      const prepared = await prepare(body);
      body = prepared.body;
      exchange.observer = prepared.observer;
    }
    const peek = peekRequest(codec.format, body, hints);
    log.modelRequested = peek.model;
    log.streamed = peek.stream;
    const snapshot = deps.snapshot();
    const resolved = resolveModel(peek.model, snapshot);
    const connection = pickConnection(resolved.provider, snapshot);
    const target = { provider: resolved.provider, connection, adapter: upstreamAdapters[resolved.format] };
    log.provider = resolved.provider.id;
    log.model = resolved.model;
    log.connectionId = connection.id;
    exchange.setHeader('x-omniroute-provider', resolved.provider.id);
    exchange.setHeader('x-omniroute-model', resolved.model);

    // Pass-through only when the client's codec is that format's own (legacy completions share 'openai' but not its body).
    if (clientCodecs[resolved.format] === codec) {
      await passThrough({
        client: deps.upstream,
        target,
        body: body as Record<string, unknown>,
        peek,
        upstreamModel: resolved.model,
        exchange,
      });
    } else {
      const context = {
        model: peek.model,
        created: Math.floor(log.startedAt / 1000),
        id: requestId.replaceAll('-', ''),
      };
      await translate({
        client: deps.upstream,
        target,
        codec,
        body,
        hints,
        upstreamModel: resolved.model,
        context,
        exchange,
      });
    }
  } catch (thrown) {
    const error = toGatewayError(thrown instanceof StreamAbandoned ? thrown.error : thrown);
    log.fail(error);
    if (error.status >= 500) deps.logger.warn({ requestId, code: error.code, err: error.message }, 'request failed');
    answerWithError(exchange, codec, error, thrown instanceof StreamAbandoned ? thrown : undefined);
  } finally {
    deps.requestLogs.enqueue(log.toRow());
  }
}

function answerWithError(
  exchange: GenerationExchange,
  codec: ClientCodec,
  error: GatewayError,
  abandoned: StreamAbandoned | undefined,
): void {
  const stream = exchange.stream;
  if (stream?.hasStarted) {
    // Frames already reached the client: no status change is possible, so close the stream in its own grammar.
    const frames = abandoned
      ? abandoned.encoder.encode({ type: 'error', kind: error.kind, message: error.message }) + abandoned.encoder.end()
      : codec.renderStreamError(error);
    stream.end(frames);
    return;
  }
  if (error.retryAfterSeconds !== undefined) exchange.setHeader('retry-after', String(error.retryAfterSeconds));
  exchange.sendJson(codec.renderError(error), error.status);
}
