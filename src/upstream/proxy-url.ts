import { GatewayError } from '../core/errors.js';

export type ProxyProtocol = 'http' | 'https' | 'socks5';

/** A proxy address split into what dispatchers need; credentials kept apart so they never travel inside a URL. */
export interface ProxyAddress {
  protocol: ProxyProtocol;
  /** Host as written in a URL (IPv6 in brackets). */
  host: string;
  hostname: string;
  port: number;
  username: string | undefined;
  password: string | undefined;
}

const protocols: Record<string, ProxyProtocol> = {
  'http:': 'http',
  'https:': 'https',
  // socks5h is curl's name for "resolve names on the proxy", which is what the SOCKS connector always does.
  'socks5:': 'socks5',
  'socks5h:': 'socks5',
  'socks:': 'socks5',
};
const defaultPorts: Record<ProxyProtocol, number> = { http: 80, https: 443, socks5: 1080 };

/** Parses and checks a proxy URL (`http://`, `https://`, `socks5://`, with optional `user:pass@`). */
export function parseProxyUrl(text: string): ProxyAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GatewayError('invalid_request', 'is not a URL (expected e.g. http://host:3128 or socks5://host:1080)');
  }
  const protocol = protocols[url.protocol];
  if (protocol === undefined) {
    throw new GatewayError(
      'invalid_request',
      `protocol '${url.protocol}' is not supported (use http, https or socks5)`,
    );
  }
  if (url.hostname === '') throw new GatewayError('invalid_request', 'has no host');
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw new GatewayError('invalid_request', 'must not have a path, query or fragment');
  }
  return {
    protocol,
    host: url.hostname,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? defaultPorts[protocol] : Number(url.port),
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
  };
}

export function isValidProxyUrl(text: string): boolean {
  try {
    parseProxyUrl(text);
    return true;
  } catch {
    return false;
  }
}

/** The placeholder shown instead of a proxy password. Sending it back means "keep the stored password". */
export const maskedPassword = '****';

/** The URL with its password replaced by `****` (the user name stays: it identifies the account, it is no secret). */
export function maskProxyUrl(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  try {
    const url = new URL(text);
    if (url.password !== '') url.password = maskedPassword;
    return url.href.replace(/\/$/, '');
  } catch {
    return '****';
  }
}

/**
 * A URL sent back by a client after reading a masked one: when its password is the mask and the rest matches the
 * stored URL's user, host and port, the stored password is kept, so a dashboard can save a form it did not edit.
 */
export function restoreMaskedPassword(next: string, stored: string | null | undefined): string {
  if (stored === null || stored === undefined) return next;
  let incoming: URL;
  let previous: URL;
  try {
    incoming = new URL(next);
    previous = new URL(stored);
  } catch {
    return next;
  }
  if (incoming.password !== maskedPassword) return next;
  if (incoming.username !== previous.username || incoming.host !== previous.host) return next;
  incoming.password = previous.password;
  return incoming.href.replace(/\/$/, '');
}

/** The proxy URL without credentials, for a dispatcher's `uri` (errors quoting it then reveal nothing). */
export function proxyOrigin(address: ProxyAddress): string {
  return `${address.protocol}://${address.host}:${address.port}`;
}
