import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { compileIpMatcher, parseIpRange, parseIpv4 } from './ip-matcher.js';

describe('parseIpRange', () => {
  it('accepts addresses and CIDR ranges of both families', () => {
    for (const valid of [
      '10.0.0.0/8',
      '192.168.1.7',
      '0.0.0.0/0',
      '::1',
      '2001:db8::/32',
      'fe80::/10',
      '::ffff:1.2.3.4',
      '::/0',
    ]) {
      expect(parseIpRange(valid), valid).toBeDefined();
    }
  });

  it('refuses malformed entries', () => {
    for (const invalid of [
      '10.0.0.0/33',
      '256.1.1.1',
      '1.2.3',
      '01.2.3.4',
      '2001:db8::/129',
      '1::2::3',
      'example.com',
      '',
      '10.0.0.0/',
    ]) {
      expect(parseIpRange(invalid), invalid).toBeUndefined();
    }
  });

  it('reads a dotted quad without allocating substrings', () => {
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIpv4('1.2.3.4')).toBe(0x01020304);
    expect(parseIpv4('1.2.3.4.5')).toBe(-1);
  });
});

describe('compileIpMatcher', () => {
  const rules = ['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', 'fe80::1'];
  const matches = compileIpMatcher(rules);

  it('agrees with node:net BlockList on both families', () => {
    const oracle = new BlockList();
    oracle.addSubnet('10.0.0.0', 8, 'ipv4');
    oracle.addAddress('192.168.1.7', 'ipv4');
    oracle.addSubnet('2001:db8::', 32, 'ipv6');
    oracle.addAddress('fe80::1', 'ipv6');
    const probes: Array<[string, 'ipv4' | 'ipv6']> = [
      ['10.1.2.3', 'ipv4'],
      ['11.0.0.1', 'ipv4'],
      ['192.168.1.7', 'ipv4'],
      ['192.168.1.8', 'ipv4'],
      ['2001:db8:1::5', 'ipv6'],
      ['2001:db9::1', 'ipv6'],
      ['fe80::1', 'ipv6'],
      ['fe80::2', 'ipv6'],
    ];
    for (const [address, family] of probes) expect(matches(address), address).toBe(oracle.check(address, family));
  });

  it('matches IPv4-mapped IPv6 addresses (dual-stack listeners) against IPv4 rules, and strips zone ids', () => {
    expect(matches('::ffff:10.9.8.7')).toBe(true);
    expect(matches('::ffff:11.9.8.7')).toBe(false);
    expect(matches('fe80::1%eth0')).toBe(true);
  });

  it('matches nothing for garbage and everything for /0', () => {
    expect(matches('not-an-ip')).toBe(false);
    expect(compileIpMatcher(['0.0.0.0/0'])('203.0.113.9')).toBe(true);
    expect(compileIpMatcher(['::/0'])('2001:db8::1')).toBe(true);
  });
});
