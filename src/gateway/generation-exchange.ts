import type { FastifyReply } from 'fastify';
import type { StreamFraming } from '../core/codec.js';
import type { RequestLogEntry } from './request-log-entry.js';
import { StreamWriter } from './stream-writer.js';

/**
 * One client request being answered: the response (JSON or stream), the abort signal that fires when the client
 * goes away (so the upstream call is cancelled), the headers we add, and the request-log entry.
 */
export class GenerationExchange {
  readonly signal: AbortSignal;
  private readonly headers: Record<string, string> = {};
  private writer: StreamWriter | undefined;

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

  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  get stream(): StreamWriter | undefined {
    return this.writer;
  }

  sendJson(body: unknown, status = 200): void {
    if (this.writer !== undefined) {
      // The reply was hijacked for a stream that never started: answer on the raw socket.
      const raw = this.reply.raw;
      if (raw.headersSent || raw.destroyed) return;
      raw.writeHead(status, { ...this.headers, 'content-type': 'application/json; charset=utf-8' });
      raw.end(typeof body === 'string' ? body : JSON.stringify(body));
      return;
    }
    void this.reply
      .code(status)
      .headers(this.headers)
      .type('application/json; charset=utf-8')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** Takes the socket over from Fastify; headers are written with the first frame. */
  openStream(framing: StreamFraming): StreamWriter {
    if (this.writer === undefined) {
      this.reply.hijack();
      this.writer = new StreamWriter(this.reply.raw, framing, this.headers);
    }
    return this.writer;
  }
}
