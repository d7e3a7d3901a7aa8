import type { CanonicalRequest, CanonicalResponse, Converted, Usage } from './canonical.js';
import type { GatewayError } from './errors.js';
import type { StreamPart } from './stream-parts.js';
import type { WireFormat } from './wire-format.js';

/**
 * One framed event of an upstream or client stream: an SSE event (`event:` name and `data:` text)
 * or one NDJSON line (data only).
 */
export interface WireEvent {
  event?: string;
  data: string;
}

export type StreamFraming = 'sse' | 'ndjson';

/** What a client request carries outside its body (Gemini puts model and streaming in the URL). */
export interface ParseHints {
  model?: string;
  stream?: boolean;
}

/** What a client answer echoes back. */
export interface ResponseContext {
  /** The model name to show the client: what it asked for. */
  model: string;
  /** Unix seconds. */
  created: number;
  /** A response id, when the upstream gave none. */
  id: string;
}

export interface StreamEncoder {
  /** Client frames for one canonical part ('' when the part produces none yet). Never an empty or null frame. */
  encode(part: StreamPart): string;
  /** Closes whatever is open and emits the format's terminator. Called exactly once. */
  end(): string;
}

/** A client API codec: wire request → canonical, canonical answer → wire answer. Pure. */
export interface ClientCodec {
  readonly format: WireFormat;
  readonly streamFraming: StreamFraming;
  /** Throws GatewayError('invalid_request') naming the bad field. The model is left as the client wrote it. */
  parseRequest(body: unknown, hints?: ParseHints): Converted<CanonicalRequest>;
  renderResponse(response: CanonicalResponse, context: ResponseContext): unknown;
  createStreamEncoder(context: ResponseContext): StreamEncoder;
  /** The error body in this format; the HTTP status is `error.status`. */
  renderError(error: GatewayError): unknown;
  /** The error as one in-stream frame, for failures after the stream started. */
  renderStreamError(error: GatewayError): string;
}

export interface UpstreamRequest {
  /** Path relative to the provider's base URL, with query string when needed. */
  path: string;
  body: unknown;
  headers?: Record<string, string>;
}

export interface StreamDecoder {
  decode(event: WireEvent): StreamPart[];
  /** Flushes whatever state is pending when the upstream stream ends. */
  end(): StreamPart[];
}

/** An upstream API adapter: canonical → wire request, wire answer → canonical. Pure. */
export interface UpstreamAdapter {
  readonly format: WireFormat;
  readonly streamFraming: StreamFraming;
  /** Path (relative to the base URL) of the generation endpoint, used by both translated and pass-through calls. */
  requestPath(model: string, stream: boolean): string;
  buildRequest(request: CanonicalRequest): Converted<UpstreamRequest>;
  parseResponse(body: unknown): CanonicalResponse;
  createStreamDecoder(): StreamDecoder;
  /** A readable message from an upstream error body, if it has one. */
  parseErrorMessage(body: unknown): string | undefined;
  /** Usage from a non-streaming answer, for the pass-through path. */
  readUsage(body: unknown): Usage | undefined;
  /** Usage fields carried by one stream event, for the pass-through path (merged by the caller). */
  readStreamUsage(event: WireEvent): Partial<Usage> | undefined;
}
