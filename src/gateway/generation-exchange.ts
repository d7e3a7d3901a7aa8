import type { FastifyReply } from 'fastify';
import type { ProgressSource } from '../cache/progress-frames.js';
import type { StreamFraming } from '../core/codec.js';
import type { ResolvedModel } from '../routing/resolve-model.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { AnswerObserver } from './answer-observer.js';
import type { RequestLogEntry } from './request-log-entry.js';
import { type RouteTrace, renderRouteTrace } from './route-trace.js';
import { StreamWriter } from './stream-writer.js';
import { targetHeaders, usageHeaders } from './usage-headers.js';

/**
 * One client request being answered: the response (JSON or stream), the abort signal that fires when the client
 * goes away (so the upstream call is cancelled), the headers we add, and the request-log entry.
 */
export class GenerationExchange {
  readonly signal: AbortSignal;
  private readonly headers: Record<string, string> = {};
  private writer: StreamWriter | undefined;
  /** What routing chose, rendered as the `x-omniroute-route` header when the answer starts. */
  trace: RouteTrace | undefined;
  /** Set before the answer starts; sees the successful answer. */
  observer: AnswerObserver | undefined;
  /** Progress frames for a stream (`X-OmniRoute-Progress: true`), set before the answer starts. */
  progress: ProgressSource | undefined;

  constructor(
    private readonly reply: FastifyReply,
    readonly log: RequestLogEntry,
  ) {
    const controller = new AbortController();
    this.signal = controller.signal;
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    this.setHeader('x-omniroute-request-id', log.requestId);
  }

  /** An upstream attempt starts: the log row and the route trace name the account and model it goes to. */
  beginAttempt(
    resolved: ResolvedModel,
    connection: ConnectionRecord,
    attempts: number,
    routing: { strategy: string; combo: string | undefined },
  ): void {
    const { log } = this;
    log.provider = resolved.provider.id;
    log.model = resolved.model;
    log.connectionId = connection.id;
    log.pricing = resolved.definition?.pricing;
    log.attempts = attempts;
    this.trace = {
      ...routing,
      provider: resolved.provider.id,
      model: resolved.model,
      connection: connection.name,
      attempts,
    };
  }

  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  get stream(): StreamWriter | undefined {
    return this.writer;
  }

  /** Sends a JSON answer (or, with `contentType`, a text one such as a transcript in SRT). */
  sendJson(body: unknown, status = 200, contentType = 'application/json; charset=utf-8'): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (status === 200) this.observer?.json(text);
    const headers = this.responseHeaders(status < 400 ? 'json' : 'error');
    if (this.writer !== undefined) {
      // The reply was hijacked for a stream that never started: answer on the raw socket.
      const raw = this.reply.raw;
      if (raw.headersSent || raw.destroyed) return;
      raw.writeHead(status, { ...headers, 'content-type': contentType });
      raw.end(text);
      return;
    }
    void this.reply.code(status).headers(headers).type(contentType).send(text);
  }

  /** Successful answers also say who answered; JSON ones what it cost (a stream's usage comes after its headers). */
  private responseHeaders(answer: 'json' | 'stream' | 'error'): Record<string, string> {
    const headers =
      this.trace === undefined
        ? this.headers
        : { ...this.headers, 'x-omniroute-route': renderRouteTrace(this.trace, this.log.elapsedMs()) };
    if (answer === 'error') return headers;
    if (answer === 'stream') return { ...headers, ...targetHeaders(this.log) };
    return { ...headers, ...targetHeaders(this.log), ...usageHeaders(this.log) };
  }

  /** Takes the socket over from Fastify; headers are written with the first frame. */
  openStream(framing: StreamFraming): StreamWriter {
    if (this.writer === undefined) {
      this.reply.hijack();
      if (this.progress !== undefined) this.setHeader('x-omniroute-progress', 'enabled');
      this.writer = new StreamWriter(
        this.reply.raw,
        framing,
        () => this.responseHeaders('stream'),
        this.observer,
        this.progress,
      );
    }
    return this.writer;
  }
}
