import type { IncomingHttpHeaders } from 'node:http';
import { Agent, errors, request } from 'undici';
import type { UpstreamTimeouts } from '../config/config.js';
import { GatewayError } from '../core/errors.js';

export interface UpstreamCall {
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: AsyncIterable<Buffer> & { text(): Promise<string>; dump(): Promise<void> };
}

/**
 * Upstream HTTP on undici's `request` over one keep-alive Agent (a pool per origin). Measured here: the global
 * `fetch` costs ~4× the CPU per proxied request (architecture.md). The Agent's bodyTimeout is the stream-idle
 * timeout: undici resets it on every chunk, so a stalled stream fails while a slow but live one continues.
 */
export class UpstreamClient {
  private readonly agent: Agent;

  constructor(timeouts: UpstreamTimeouts) {
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      connect: { timeout: timeouts.connectTimeoutMs },
      headersTimeout: timeouts.headersTimeoutMs,
      bodyTimeout: timeouts.streamIdleTimeoutMs,
    });
  }

  async send(call: UpstreamCall): Promise<UpstreamResponse> {
    try {
      const response = await request(call.url, {
        method: 'POST',
        headers: call.headers,
        body: call.body,
        signal: call.signal,
        dispatcher: this.agent,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw upstreamFailure(error, call.url);
    }
  }

  async get(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<UpstreamResponse> {
    try {
      const response = await request(url, { method: 'GET', headers, signal, dispatcher: this.agent });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw upstreamFailure(error, url);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Maps a network-level failure (no HTTP answer, or a body that stopped) to a coded, retryable gateway error. */
export function upstreamFailure(error: unknown, url: string): GatewayError {
  if (error instanceof GatewayError) return error;
  const origin = safeOrigin(url);
  if (error instanceof errors.ConnectTimeoutError) {
    return new GatewayError('upstream_timeout', `Connecting to ${origin} timed out.`, { cause: error });
  }
  if (error instanceof errors.HeadersTimeoutError) {
    return new GatewayError('upstream_timeout', `${origin} did not answer in time.`, { cause: error });
  }
  if (error instanceof errors.BodyTimeoutError) {
    return new GatewayError('upstream_timeout', `${origin} stopped sending data (stream idle timeout).`, {
      cause: error,
    });
  }
  if (error instanceof errors.RequestAbortedError || (error instanceof Error && error.name === 'AbortError')) {
    return new GatewayError('upstream_error', 'The upstream request was aborted.', { cause: error, status: 499 });
  }
  const code = networkCode(error);
  if (error instanceof errors.SocketError || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
    return new GatewayError('upstream_stream_cut', `The connection to ${origin} was closed unexpectedly.`, {
      cause: error,
    });
  }
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new GatewayError('upstream_unreachable', `Cannot reach ${origin} (${reason}).`, { cause: error });
}

function networkCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const cause = 'cause' in error ? networkCode(error.cause) : undefined;
  return cause ?? direct;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the upstream';
  }
}
