/**
 * IPv4 and IPv6 addresses and CIDR ranges, compiled once into numeric tables so matching a client address costs a
 * parse and a few integer comparisons. IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`, what a dual-stack listener
 * reports for IPv4 clients) match IPv4 rules.
 */
export type IpRange = { version: 4; network: number; mask: number } | { version: 6; groups: Uint16Array; bits: number };

export type IpMatcher = (address: string) => boolean;

/** An address or CIDR range (`10.0.0.0/8`, `2001:db8::/32`, `192.168.1.7`), or undefined when malformed. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? undefined : text.slice(slash + 1);
  const v4 = parseIpv4(address);
  if (v4 !== -1) {
    const bits = prefixText === undefined ? 32 : parsePrefix(prefixText, 32);
    if (bits === -1) return undefined;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return { version: 4, network: (v4 & mask) >>> 0, mask };
  }
  const groups = new Uint16Array(8);
  if (!parseIpv6(address, groups)) return undefined;
  const bits = prefixText === undefined ? 128 : parsePrefix(prefixText, 128);
  if (bits === -1) return undefined;
  const mapped = mappedIpv4(groups);
  if (mapped !== -1 && bits >= 96) {
    const v4bits = bits - 96;
    const mask = v4bits === 0 ? 0 : (0xffffffff << (32 - v4bits)) >>> 0;
    return { version: 4, network: (mapped & mask) >>> 0, mask };
  }
  return { version: 6, groups: maskGroups(groups, bits), bits };
}

export function compileIpMatcher(entries: readonly string[]): IpMatcher {
  const v4Networks: number[] = [];
  const v4Masks: number[] = [];
  const v6: Array<{ groups: Uint16Array; bits: number }> = [];
  for (const entry of entries) {
    const range = parseIpRange(entry.trim());
    if (range === undefined) continue;
    if (range.version === 4) {
      v4Networks.push(range.network);
      v4Masks.push(range.mask);
    } else v6.push(range);
  }
  const scratch = new Uint16Array(8);
  return (address) => {
    let v4 = parseIpv4(address);
    if (v4 === -1) {
      // Zone ids (`fe80::1%eth0`) name an interface, not part of the address.
      const zone = address.indexOf('%');
      if (!parseIpv6(zone === -1 ? address : address.slice(0, zone), scratch)) return false;
      v4 = mappedIpv4(scratch);
      if (v4 === -1) return v6.some((range) => inRange6(scratch, range.groups, range.bits));
    }
    for (let index = 0; index < v4Networks.length; index += 1) {
      if ((v4 & (v4Masks[index] ?? 0)) >>> 0 === v4Networks[index]) return true;
    }
    return false;
  };
}

/** Dotted quad → unsigned 32-bit number, or -1. A char loop: no substrings, no allocation. */
export function parseIpv4(text: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots += 1;
    } else if (code >= 48 && code <= 57) {
      // A leading zero is refused: `010` is octal to some parsers and decimal to others.
      if (digits > 0 && part === 0) return -1;
      part = part * 10 + (code - 48);
      digits += 1;
      if (part > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

/** IPv6 text → 8 groups written into `out`; false when malformed. Accepts `::` and a trailing dotted IPv4. */
export function parseIpv6(text: string, out: Uint16Array): boolean {
  if (text.length < 2 || text.length > 45) return false;
  const double = text.indexOf('::');
  if (double !== -1 && text.indexOf('::', double + 1) !== -1) return false;
  const head = double === -1 ? text : text.slice(0, double);
  const tail = double === -1 ? '' : text.slice(double + 2);
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === '' ? [] : tail.split(':');
  const parts = double === -1 ? headParts : tailParts;
  let groupCount = headParts.length + tailParts.length;
  const last = parts.at(-1);
  const embedded = last?.includes('.') ? parseIpv4(last) : -2;
  if (embedded === -1) return false;
  if (embedded >= 0) groupCount += 1; // a dotted IPv4 fills two groups
  if (double === -1 ? groupCount !== 8 : groupCount > 7) return false;
  out.fill(0);
  const write = (list: string[], start: number): boolean => {
    for (let index = 0; index < list.length; index += 1) {
      const group = list[index] ?? '';
      if (embedded >= 0 && list === parts && index === list.length - 1) {
        out[start + index] = embedded >>> 16;
        out[start + index + 1] = embedded & 0xffff;
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return false;
      out[start + index] = Number.parseInt(group, 16);
    }
    return true;
  };
  if (!write(headParts, 0)) return false;
  const tailWidth = tailParts.length + (double !== -1 && embedded >= 0 ? 1 : 0);
  return double === -1 || write(tailParts, 8 - tailWidth);
}

function mappedIpv4(groups: Uint16Array): number {
  for (let index = 0; index < 5; index += 1) if (groups[index] !== 0) return -1;
  if (groups[5] !== 0xffff) return -1;
  return (groups[6] ?? 0) * 65536 + (groups[7] ?? 0);
}

function parsePrefix(text: string, max: number): number {
  if (!/^\d{1,3}$/.test(text)) return -1;
  const bits = Number(text);
  return bits > max ? -1 : bits;
}

function maskGroups(groups: Uint16Array, bits: number): Uint16Array {
  const masked = new Uint16Array(8);
  for (let index = 0; index < 8; index += 1) {
    const keep = Math.max(0, Math.min(16, bits - index * 16));
    masked[index] = keep === 0 ? 0 : (groups[index] ?? 0) & ((0xffff << (16 - keep)) & 0xffff);
  }
  return masked;
}

function inRange6(address: Uint16Array, network: Uint16Array, bits: number): boolean {
  for (let index = 0; index < 8 && index * 16 < bits; index += 1) {
    const keep = Math.min(16, bits - index * 16);
    const mask = (0xffff << (16 - keep)) & 0xffff;
    if (((address[index] ?? 0) & mask) !== network[index]) return false;
  }
  return true;
}
