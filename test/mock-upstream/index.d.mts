// Hand-written types for index.mjs (the mock is plain JavaScript so it also runs under bare `node`).
import type { IncomingHttpHeaders } from 'node:http';

/** What to do instead of (or while) answering normally. Several fields combine. */
export interface Fault {
  /** Answer with this status: the format's own error body unless `body` is given. */
  status?: number;
  /** Answer with this body (a string is sent as is); status 200 unless `status` is given. */
  body?: unknown;
  /** Extra response headers (they also apply to normal answers). */
  headers?: Record<string, string>;
  /** Sets `Retry-After`; without `status` the answer is a 429. */
  retryAfter?: number | string;
  /** Wait this long before the response headers. */
  delayMs?: number;
  /** Streams: destroy the socket after this many frames (SSE events or NDJSON lines). JSON: after half the body. */
  cutAfterChunks?: number;
  /** Streams: write frames one by one, this long apart. */
  trickleMs?: number;
  /** Never answer. */
  hang?: boolean;
  /** Destroy the socket without answering. */
  dropConnection?: boolean;
}

export interface FaultMatch {
  /** A string must equal the path without query; a RegExp is tested against the path with its query. */
  path?: string | RegExp;
  /** The requested model (body `model`, or the Gemini path's model). */
  model?: string;
}

export interface RecordedRequest {
  method: string;
  /** The request target, with its query. */
  path: string;
  /** Lower-case names, as Node parses them. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON; text for text/* and form bodies; the byte length for other (multipart, binary) bodies. */
  body: unknown;
  /** `Date.now()` when the body had been read. */
  receivedAt: number;
}

export interface MockUpstreamOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When the record grows past this many requests (default 10 000), its oldest half is dropped. */
  maxRecorded?: number;
}

export interface MockUpstream {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every request except the /__mock/ control API, oldest first. Cleared in place by reset(). */
  readonly requests: RecordedRequest[];
  /** Applies `fault` to the next request that matches (first in, first out). Throws on an invalid fault. */
  enqueueFault(fault: Fault, match?: FaultMatch): void;
  /** Clears the record and the queued faults. */
  reset(): void;
  /** Stops listening and destroys open connections (hanging and trickling requests included). */
  close(): Promise<void>;
}

export function startMockUpstream(options?: MockUpstreamOptions): Promise<MockUpstream>;
