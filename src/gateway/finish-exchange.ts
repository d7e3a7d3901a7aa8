import type { FastifyRequest } from 'fastify';
import type { ReuseSession } from '../cache/answer-reuse.js';
import type { ClientCodec } from '../core/codec.js';
import { type GatewayError, toGatewayError } from '../core/errors.js';
import { requestOutcome } from '../governance/govern-request.js';
import type { Release } from '../governance/key-governance.js';
import type { BodyCapture } from '../usage/body-capture.js';
import type { GenerationExchange } from './generation-exchange.js';
import type { GenerationDependencies } from './generation-handler.js';
import { StreamAbandoned } from './translated.js';

/*
 * The shared tail of every logged exchange (chat in generation-handler.ts, media in handle-media.ts): `failExchange`
 * in the catch, `recordExchange` in the finally. Plain functions rather than a wrapper taking the request's body as a
 * callback, so the hot path allocates no closure per request.
 */

export interface ExchangeFailure {
  request: FastifyRequest;
  exchange: GenerationExchange;
  codec: ClientCodec;
  thrown: unknown;
}

/** Ends a failed request: the log row and the audit hear of it, a 5xx is logged, the client gets it in its format. */
export function failExchange(
  deps: Pick<GenerationDependencies, 'onError' | 'logger'>,
  { request, exchange, codec, thrown }: ExchangeFailure,
): void {
  const abandoned = thrown instanceof StreamAbandoned ? thrown : undefined;
  const error = toGatewayError(abandoned?.error ?? thrown);
  const { log } = exchange;
  log.fail(error);
  deps.onError?.(request, error);
  log.attempts = Math.max(log.attempts, 1);
  if (error.status >= 500) {
    deps.logger.warn({ requestId: log.requestId, code: error.code, err: error.message }, 'request failed');
  }
  answerWithError(exchange, codec, error, abandoned);
}

export interface ExchangeRecord {
  exchange: GenerationExchange;
  /** The key's limits and budgets, charged with what the request used (undefined: not admitted). */
  release: Release | undefined;
  /** The response cache and idempotency session (chat only), settled once the key is released. */
  reuse?: ReuseSession | undefined;
  capture: BodyCapture | undefined;
}

/** Whatever happened: releases the key's reservation, settles reuse, and enqueues exactly one request-log row. */
export function recordExchange(
  deps: Pick<GenerationDependencies, 'requestLogs'>,
  { exchange, release, reuse, capture }: ExchangeRecord,
): void {
  const { log } = exchange;
  release?.(requestOutcome(log));
  reuse?.settle();
  // toRow() computes gatewayMs: read it after.
  const row = log.toRow();
  deps.requestLogs.enqueue(row, { gatewayMs: log.gatewayMs, body: capture?.toRow(log.requestId, log.startedAt) });
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
