import { compileNoProxy, type NoProxyMatcher } from './no-proxy.js';
import { isValidProxyUrl } from './proxy-url.js';

/** Proxies named by the process environment (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`). */
export interface EnvironmentProxy {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** The configured global proxy (`/api/settings/proxy`). */
export interface GlobalProxySettings {
  url: string | null;
  noProxy: readonly string[];
}

/** Reads the usual variables, upper or lower case (curl and undici accept both; lower case wins, as in curl). */
export function readProxyEnvironment(env: NodeJS.ProcessEnv): EnvironmentProxy {
  const read = (name: string): string | undefined => {
    const value = env[name.toLowerCase()] ?? env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const all = read('ALL_PROXY');
  const httpProxy = read('HTTP_PROXY') ?? all;
  const httpsProxy = read('HTTPS_PROXY') ?? all;
  const noProxy = read('NO_PROXY');
  return {
    ...(httpProxy !== undefined && isValidProxyUrl(httpProxy) ? { httpProxy } : {}),
    ...(httpsProxy !== undefined && isValidProxyUrl(httpsProxy) ? { httpsProxy } : {}),
    ...(noProxy === undefined ? {} : { noProxy }),
  };
}

/**
 * Which proxy (if any) an upstream call without a connection proxy uses: the configured global proxy unless the
 * target is in its no-proxy list; with none configured, the environment's, by the target's scheme. Compiled when the
 * settings change, so a call costs a field read (plus a URL parse only when a no-proxy list exists).
 */
export class ProxySelector {
  private global: { url: string; bypass: NoProxyMatcher } | undefined;
  private readonly environmentBypass: NoProxyMatcher;

  constructor(readonly environment: EnvironmentProxy = {}) {
    this.environmentBypass = compileNoProxy(environment.noProxy);
  }

  configure(settings: GlobalProxySettings): void {
    this.global = settings.url === null ? undefined : { url: settings.url, bypass: compileNoProxy(settings.noProxy) };
  }

  /** The proxy URL for a call to `url`, or undefined to go direct. */
  proxyFor(url: string): string | undefined {
    const global = this.global;
    if (global !== undefined) return global.bypass(url) ? undefined : global.url;
    const { httpProxy, httpsProxy } = this.environment;
    if (httpProxy === undefined && httpsProxy === undefined) return undefined;
    const proxy = url.startsWith('https:') ? httpsProxy : httpProxy;
    return proxy === undefined || this.environmentBypass(url) ? undefined : proxy;
  }

  /** Where the effective proxy comes from, for the settings view. */
  get source(): 'settings' | 'environment' | 'none' {
    if (this.global !== undefined) return 'settings';
    return this.environment.httpProxy !== undefined || this.environment.httpsProxy !== undefined
      ? 'environment'
      : 'none';
  }
}
