import { isIPv4, isIPv6 } from 'node:net';

/** Why an address must not be an upstream unless the user allows private base URLs. */
export type BlockedAddressKind =
  | 'cloud metadata'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade NAT'
  | 'unspecified'
  | 'multicast or reserved';

type Range = readonly [base: bigint, prefix: number, kind: BlockedAddressKind];

// First match wins, so the metadata hosts come before the link-local and unique-local ranges that contain them.
// Ranges: RFC 1918, RFC 6598 (CGNAT), RFC 3927 / RFC 4291 (link-local), RFC 4193 (fc00::/7), RFC 1122 (0/8).
const ipv4Ranges: readonly Range[] = [
  [v4('169.254.169.254'), 32, 'cloud metadata'], // AWS, GCP, Azure, OpenStack
  [v4('0.0.0.0'), 8, 'unspecified'],
  [v4('10.0.0.0'), 8, 'private'],
  [v4('100.64.0.0'), 10, 'carrier-grade NAT'], // also Alibaba's metadata host 100.100.100.200
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link-local'],
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.168.0.0'), 16, 'private'],
  [v4('224.0.0.0'), 3, 'multicast or reserved'], // 224/4 multicast and 240/4 reserved, broadcast included
];

const ipv6Ranges: readonly Range[] = [
  [v6('fd00:ec2::254'), 128, 'cloud metadata'], // AWS IMDS over IPv6
  [0n, 128, 'unspecified'],
  [1n, 128, 'loopback'],
  [v6('fc00::'), 7, 'private'],
  [v6('fe80::'), 10, 'link-local'],
  [v6('ff00::'), 8, 'multicast or reserved'],
];

/** IPv6 prefixes whose last 32 bits are an IPv4 address that the packet really goes to. */
const embeddedIpv4Prefixes: readonly (readonly [bigint, number])[] = [
  [v6('::ffff:0:0'), 96], // IPv4-mapped
  [v6('64:ff9b::'), 96], // NAT64 well-known prefix
  [0n, 96], // IPv4-compatible (deprecated, still routed by some stacks)
];

/**
 * The kind of a literal IP address that must not be reached as a provider (SSRF), or undefined for a public one.
 * IPv6 forms that carry an IPv4 address (`::ffff:127.0.0.1`, NAT64) are judged by that address.
 */
export function classifyAddress(address: string): BlockedAddressKind | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return match(ipv4Ranges, v4(bare), 32);
  if (!isIPv6(bare)) return undefined;
  const value = v6(bare);
  const direct = match(ipv6Ranges, value, 128);
  if (direct !== undefined) return direct;
  for (const [base, prefix] of embeddedIpv4Prefixes) {
    if (inRange(value, base, prefix, 128)) return match(ipv4Ranges, value & 0xffffffffn, 32);
  }
  return undefined;
}

function match(ranges: readonly Range[], value: bigint, bits: number): BlockedAddressKind | undefined {
  return ranges.find(([base, prefix]) => inRange(value, base, prefix, bits))?.[2];
}

function inRange(value: bigint, base: bigint, prefix: number, bits: number): boolean {
  const shift = BigInt(bits - prefix);
  return value >> shift === base >> shift;
}

function v4(text: string): bigint {
  return text.split('.').reduce((sum, octet) => (sum << 8n) | BigInt(Number(octet)), 0n);
}

/** 128-bit value of an IPv6 text (with `::` and an optional dotted IPv4 tail); the caller checked it with isIPv6. */
function v6(text: string): bigint {
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted !== undefined) {
    const tail = v4(dotted);
    groups = `${text.slice(0, -dotted.length)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = groups.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const restParts = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? [] : Array(8 - headParts.length - restParts.length).fill('0');
  return [...headParts, ...zeros, ...restParts].reduce((sum, group) => (sum << 16n) | BigInt(`0x${group}`), 0n);
}
