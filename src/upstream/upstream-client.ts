import type { IncomingHttpHeaders } from 'node:http';
import { Agent, errors, request } from 'undici';
import type { UpstreamTimeouts } from '../config/config.js';
import { errorMessage, GatewayError } from '../core/errors.js';
import { agentOptions, ProxyDispatchers } from './proxy-dispatchers.js';
import { type EnvironmentProxy, ProxySelector } from './proxy-selector.js';
import { parseProxyUrl } from './proxy-url.js';

export interface UpstreamCall {
  url: string;
  headers: Record<string, string>;
  /** JSON text, or bytes (an audio upload). */
  body: string | Buffer;
  signal: AbortSignal;
  /** The connection's own proxy; without one the global or environment proxy applies (ProxySelector). */
  proxyUrl?: string | null;
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
  private readonly proxies: ProxyDispatchers;
  /** Global and environment proxy choice; `configure` it when the proxy settings change. */
  readonly proxy: ProxySelector;

  constructor(timeouts: UpstreamTimeouts, environmentProxy: EnvironmentProxy = {}) {
    this.agent = new Agent({ ...agentOptions(timeouts), connect: { timeout: timeouts.connectTimeoutMs } });
    this.proxies = new ProxyDispatchers(timeouts);
    this.proxy = new ProxySelector(environmentProxy);
  }

  async send(call: UpstreamCall): Promise<UpstreamResponse> {
    const proxy = this.proxyFor(call.url, call.proxyUrl);
    try {
      const response = await request(call.url, {
        method: 'POST',
        headers: call.headers,
        body: call.body,
        signal: call.signal,
        dispatcher: proxy === undefined ? this.agent : this.proxies.get(proxy),
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw upstreamFailure(error, call.url, proxy);
    }
  }

  async get(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal,
    options: { proxyUrl?: string | null } = {},
  ): Promise<UpstreamResponse> {
    const proxy = this.proxyFor(url, options.proxyUrl);
    try {
      const dispatcher = proxy === undefined ? this.agent : this.proxies.get(proxy);
      const response = await request(url, { method: 'GET', headers, signal, dispatcher });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw upstreamFailure(error, url, proxy);
    }
  }

  /** The connection's proxy, else the global or environment one; undefined means the direct keep-alive agent. */
  private proxyFor(url: string, proxyUrl: string | null | undefined): string | undefined {
    return proxyUrl ?? this.proxy.proxyFor(url);
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.proxies.close()]);
  }
}

/** Maps a network-level failure (no HTTP answer, or a body that stopped) to a coded, retryable gateway error. */
export function upstreamFailure(error: unknown, url: string, proxyUrl?: string): GatewayError {
  if (error instanceof GatewayError) return error;
  // Through a proxy, say which one (host and port only: the URL may hold credentials).
  const origin = proxyUrl === undefined ? safeOrigin(url) : `${safeOrigin(url)} via proxy ${proxyHost(proxyUrl)}`;
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
  // A proxy's refusal (407, a SOCKS5 failure) surfaces as an aborted or invalid-argument error: say what it was.
  if (proxyUrl !== undefined && error instanceof Error && /proxy/i.test(error.message)) {
    return new GatewayError('upstream_unreachable', `Cannot reach ${origin}: ${error.message}.`, { cause: error });
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
  const reason = code ?? errorMessage(error);
  return new GatewayError('upstream_unreachable', `Cannot reach ${origin} (${reason}).`, { cause: error });
}

function networkCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const cause = 'cause' in error ? networkCode(error.cause) : undefined;
  return cause ?? direct;
}

function proxyHost(proxyUrl: string): string {
  try {
    const { host, port } = parseProxyUrl(proxyUrl);
    return `${host}:${port}`;
  } catch {
    return 'the configured proxy';
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the upstream';
  }
}
