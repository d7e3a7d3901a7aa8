import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { GatewayError } from '../core/errors.js';
import type { ProviderDefinition } from '../providers/catalog/types.js';
import type { SettingsService } from '../settings/settings-service.js';
import { type BlockedAddressKind, classifyAddress } from '../upstream/classify-address.js';

/** Resolves a host name to every address it has (dns.lookup with `all`). Injectable for tests. */
export type HostLookup = (hostname: string) => Promise<readonly { address: string }[]>;

/** Refuses a base URL that points into the user's own network; resolves when it is allowed. */
export type BaseUrlGuard = (
  baseUrl: string,
  provider: Pick<ProviderDefinition, 'id' | 'kind'> | undefined,
) => Promise<void>;

const lookupTimeoutMs = 5000;
/** Cloud metadata host names that may not resolve from here but do inside a cloud VM. */
const metadataHostnames = new Set(['metadata.google.internal', 'metadata.goog', 'metadata.azure.internal']);

const defaultLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The SSRF guard for provider base URLs (connections, provider nodes, the config file). Checked at save time, by the
 * literal address and by every address the host name resolves to now. Local providers (Ollama, LM Studio, vLLM) and
 * the `allowPrivateBaseUrls` setting skip it. A name that does not resolve is let through: it reaches nothing today,
 * and a save-time check cannot stop a name re-pointed later (DNS rebinding) anyway.
 */
export function createBaseUrlGuard(settings: Pick<SettingsService, 'value'>, lookup = defaultLookup): BaseUrlGuard {
  return async (baseUrl, provider) => {
    if (provider?.kind === 'local' || settings.value.allowPrivateBaseUrls) return;
    const blocked = await findBlockedAddress(baseUrl, lookup);
    if (blocked === undefined) return;
    const where = blocked.address === blocked.host ? blocked.address : `${blocked.host} (${blocked.address})`;
    throw new GatewayError(
      'url_not_allowed',
      `The base URL points at a ${blocked.kind} address: ${where}. Provider URLs may not reach private, loopback, ` +
        'link-local or cloud metadata addresses (SSRF protection). For a server on your own machine use a local ' +
        'provider (ollama, lm-studio, vllm), or allow private addresses with PATCH /api/settings ' +
        '{"allowPrivateBaseUrls": true}.',
      { param: 'baseUrl' },
    );
  };
}

async function findBlockedAddress(
  baseUrl: string,
  lookup: HostLookup,
): Promise<{ host: string; address: string; kind: BlockedAddressKind } | undefined> {
  const host = new URL(baseUrl).hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (metadataHostnames.has(host)) return { host, address: host, kind: 'cloud metadata' };
  // RFC 6761: names under `.localhost` are loopback whatever DNS says (plain `localhost` is resolved below).
  if (host.endsWith('.localhost')) return { host, address: host, kind: 'loopback' };
  const literal = classifyAddress(host);
  if (literal !== undefined) return { host, address: host, kind: literal };
  for (const { address } of await resolve(host, lookup)) {
    const kind = classifyAddress(address);
    if (kind !== undefined) return { host, address, kind };
  }
  return undefined;
}

async function resolve(host: string, lookup: HostLookup): Promise<readonly { address: string }[]> {
  // A literal address needs no lookup (dns.lookup would only echo it).
  if (isIP(host) !== 0) return [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<[]>((done) => {
    timer = setTimeout(() => done([]), lookupTimeoutMs);
  });
  try {
    return await Promise.race([lookup(host).catch(() => []), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
