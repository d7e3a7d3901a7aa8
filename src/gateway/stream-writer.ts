import type { ServerResponse } from 'node:http';
import type { ProgressSource } from '../cache/progress-frames.js';
import type { StreamFraming } from '../core/codec.js';
import type { AnswerObserver } from './answer-observer.js';

const contentTypes: Record<StreamFraming, string> = {
  sse: 'text/event-stream; charset=utf-8',
  ndjson: 'application/x-ndjson',
};

/**
 * Writes a streamed answer to the client socket with backpressure. Headers go out with the first frame, so a
 * failure before any frame can still become a normal error response (and, later, a fallback).
 */
export class StreamWriter {
  private started = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly framing: StreamFraming,
    private readonly headers: () => Record<string, string>,
    private readonly observer?: AnswerObserver,
    /** `X-OmniRoute-Progress`: extra frames after the answer's own (observers never see them). */
    private readonly progress?: ProgressSource,
  ) {}

  get hasStarted(): boolean {
    return this.started;
  }

  get isClosed(): boolean {
    return this.response.destroyed || this.response.writableEnded;
  }

  async write(frames: string | Uint8Array): Promise<void> {
    if (frames.length === 0 || this.isClosed) return;
    if (!this.started) this.start();
    const text =
      this.observer !== undefined || this.progress !== undefined
        ? typeof frames === 'string'
          ? frames
          : Buffer.from(frames).toString('utf8')
        : undefined;
    if (text !== undefined && this.observer !== undefined) this.observe(text);
    const out = text !== undefined && this.progress !== undefined ? this.progress.insert(text, false) : frames;
    if (!this.response.write(out)) await drainOrClose(this.response);
  }

  end(frames?: string): void {
    if (this.isClosed) return;
    if (!this.started) this.start();
    if (frames !== undefined && frames !== '') this.observe(frames);
    this.response.end(this.progress === undefined ? frames : this.progress.insert(frames ?? '', true));
  }

  /** An observer (e.g. the Responses store) must never break the answer it watches. */
  private observe(frames: string): void {
    try {
      this.observer?.frames(frames);
    } catch {
      // The answer matters more than its side record.
    }
  }

  private start(): void {
    this.started = true;
    this.response.writeHead(200, {
      ...this.headers(),
      'content-type': contentTypes[this.framing],
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      // Tells nginx-style reverse proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
  }
}

/** Waits for the socket to accept more, or to close (a client that went away must not hang the stream). */
function drainOrClose(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
