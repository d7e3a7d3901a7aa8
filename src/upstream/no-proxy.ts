/**
 * `NO_PROXY` semantics as curl and undici read them: entries separated by commas or spaces; `*` matches every
 * host; `example.com`, `.example.com` and `*.example.com` match that domain and its subdomains; an entry may carry
 * a port (`localhost:8080`), and IPv6 literals may be bracketed. Compiled once; matching is string work only.
 */
export type NoProxyMatcher = (url: string) => boolean;

interface Entry {
  host: string;
  port: number | undefined;
}

export function compileNoProxy(list: string | readonly string[] | undefined): NoProxyMatcher {
  const items = (typeof list === 'string' ? list.split(/[\s,]+/) : (list ?? []))
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
  if (items.length === 0) return () => false;
  if (items.includes('*')) return () => true;
  const entries = items.map(parseEntry);
  return (url) => {
    const target = targetOf(url);
    if (target === undefined) return false;
    return entries.some(
      (entry) =>
        (entry.port === undefined || entry.port === target.port) &&
        (target.host === entry.host || target.host.endsWith(`.${entry.host}`)),
    );
  };
}

function parseEntry(item: string): Entry {
  const bare = item.replace(/^\*?\./, '');
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(bare);
  if (bracketed !== null) return { host: bracketed[1] ?? '', port: portOf(bracketed[2]) };
  const colons = bare.split(':').length - 1;
  if (colons === 1) {
    const [host = '', port] = bare.split(':');
    return { host, port: portOf(port) };
  }
  return { host: bare, port: undefined };
}

function portOf(text: string | undefined): number | undefined {
  return text === undefined || text === '' ? undefined : Number(text);
}

function targetOf(url: string): { host: string; port: number } | undefined {
  try {
    const parsed = new URL(url);
    const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
    return { host: parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port };
  } catch {
    return undefined;
  }
}
