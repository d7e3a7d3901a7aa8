import { Agent, type Dispatcher, Pool, ProxyAgent } from 'undici';
import type { UpstreamTimeouts } from '../config/config.js';
import { parseProxyUrl, proxyOrigin } from './proxy-url.js';
import { createSocks5Connector } from './socks5-connector.js';

/** Distinct proxies kept open at once; the least recently used one is closed (gracefully) past this. */
const maxCachedProxies = 32;

/** The options every upstream dispatcher shares, direct or proxied: keep-alive and the three timeouts. */
export function agentOptions(timeouts: UpstreamTimeouts) {
  return {
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: timeouts.headersTimeoutMs,
    bodyTimeout: timeouts.streamIdleTimeoutMs,
  };
}

/**
 * One keep-alive dispatcher per proxy URL, created on first use and reused: building one per call would throw
 * away pooled connections (and TLS sessions) on every request.
 * - http/https proxies: undici's ProxyAgent. https origins go through a CONNECT tunnel; plain http origins are
 *   forwarded with an absolute URI (`proxyTunnel: false`), since many proxies (Squid's default) refuse CONNECT to
 *   ports other than 443. Credentials go in a `Proxy-Authorization` header, never in the URI undici keeps.
 * - socks5: an Agent whose connector tunnels each connection (socks5-connector.ts).
 */
export class ProxyDispatchers {
  private readonly cache = new Map<string, Dispatcher>();

  constructor(private readonly timeouts: UpstreamTimeouts) {}

  get(proxyUrl: string): Dispatcher {
    const cached = this.cache.get(proxyUrl);
    if (cached !== undefined) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.cache.delete(proxyUrl);
      this.cache.set(proxyUrl, cached);
      return cached;
    }
    const created = this.create(proxyUrl);
    this.cache.set(proxyUrl, created);
    if (this.cache.size > maxCachedProxies) {
      const [oldestUrl, oldest] = this.cache.entries().next().value ?? [];
      if (oldestUrl !== undefined) this.cache.delete(oldestUrl);
      void oldest?.close().catch(() => {});
    }
    return created;
  }

  get size(): number {
    return this.cache.size;
  }

  async close(): Promise<void> {
    const all = [...this.cache.values()];
    this.cache.clear();
    await Promise.all(all.map((dispatcher) => dispatcher.close().catch(() => {})));
  }

  private create(proxyUrl: string): Dispatcher {
    const address = parseProxyUrl(proxyUrl);
    const options = agentOptions(this.timeouts);
    const connectTimeout = this.timeouts.connectTimeoutMs;
    if (address.protocol === 'socks5') {
      return new Agent({ ...options, connect: createSocks5Connector(address, connectTimeout) });
    }
    const token =
      address.username === undefined
        ? undefined
        : `Basic ${Buffer.from(`${address.username}:${address.password ?? ''}`).toString('base64')}`;
    return new ProxyAgent({
      ...options,
      uri: proxyOrigin(address),
      token,
      proxyTunnel: false,
      proxyTls: { timeout: connectTimeout },
      requestTls: { timeout: connectTimeout },
      // The forwarding path builds its pool from this factory alone: give it our timeouts too.
      factory: (origin, factoryOptions) => new Pool(origin, { ...options, ...(factoryOptions as Pool.Options) }),
    });
  }
}
