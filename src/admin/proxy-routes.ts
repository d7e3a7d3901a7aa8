import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError, toGatewayError } from '../core/errors.js';
import type { ProxySettings, ProxySettingsStore } from '../settings/proxy-settings.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { maskProxyUrl, restoreMaskedPassword } from '../upstream/proxy-url.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { parseInput } from './parse-input.js';
import { proxyUrlSchema } from './proxy-url-schema.js';

const putSchema = z
  .object({
    /** null (or '') removes the global proxy: the environment's proxy, if any, applies again. */
    url: z.union([z.literal(''), proxyUrlSchema]).nullable(),
    /** Hosts reached directly: `example.com` (and subdomains), `.example.com`, `host:port`, `*`. */
    noProxy: z.array(z.string().trim().min(1).max(300)).max(1000).optional(),
  })
  .strict();

const testSchema = z
  .object({
    /** The URL to request through the proxy; default: the first connection's base URL. */
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** A proxy to try before saving it; default: the proxy in effect (settings, else environment). */
    proxyUrl: proxyUrlSchema.optional(),
  })
  .strict();

const testTimeoutMs = 15_000;

/** `GET/PUT /api/settings/proxy` and `POST /api/settings/proxy/test`: the global upstream proxy. */
export async function registerProxyRoutes(
  app: FastifyInstance,
  deps: {
    proxySettings: ProxySettingsStore;
    upstream: UpstreamClient;
    repositories: Repositories;
    state: RuntimeState;
  },
): Promise<void> {
  const { proxySettings, upstream } = deps;
  const view = () => proxyView(proxySettings.value, upstream);

  app.get('/api/settings/proxy', async () => view());

  app.put('/api/settings/proxy', async (request) => {
    const input = parseInput(putSchema, request.body);
    const current = proxySettings.value;
    const url = input.url === null || input.url === '' ? null : restoreMaskedPassword(input.url, current.url);
    await proxySettings.save({ url, noProxy: input.noProxy ?? current.noProxy });
    return view();
  });

  app.post('/api/settings/proxy/test', async (request) => {
    const input = parseInput(testSchema, request.body);
    const target = input.url ?? (await defaultTestUrl(deps));
    const proxyUrl =
      input.proxyUrl === undefined ? undefined : restoreMaskedPassword(input.proxyUrl, proxySettings.value.url);
    const proxy = proxyUrl ?? upstream.proxy.proxyFor(target);
    const started = performance.now();
    try {
      const response = await upstream.get(target, {}, AbortSignal.timeout(testTimeoutMs), { proxyUrl });
      await response.body.dump().catch(() => {});
      // Any HTTP answer proves the path works; an upstream 401 or 404 is the upstream's business, not the proxy's.
      return { ok: true, status: response.status, latencyMs: elapsed(started), target, proxy: maskProxyUrl(proxy) };
    } catch (error) {
      const message = toGatewayError(error).message;
      return { ok: false, error: message, latencyMs: elapsed(started), target, proxy: maskProxyUrl(proxy) };
    }
  });
}

/** The settings with the password masked, where the effective proxy comes from, and what the environment says. */
function proxyView(settings: ProxySettings, upstream: UpstreamClient) {
  const environment = upstream.proxy.environment;
  return {
    url: maskProxyUrl(settings.url),
    noProxy: settings.noProxy,
    source: upstream.proxy.source,
    environment: {
      httpProxy: maskProxyUrl(environment.httpProxy),
      httpsProxy: maskProxyUrl(environment.httpsProxy),
      noProxy: environment.noProxy ?? null,
    },
  };
}

async function defaultTestUrl({ repositories, state }: { repositories: Repositories; state: RuntimeState }) {
  const [first] = await repositories.connections.list();
  const baseUrl = first?.baseUrl ?? (first && state.snapshot.providersByName.get(first.provider)?.baseUrl);
  if (baseUrl === undefined || baseUrl === null) {
    throw new GatewayError('invalid_request', "No connection to test with yet: give a 'url' to request.", {
      param: 'url',
    });
  }
  return baseUrl;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
