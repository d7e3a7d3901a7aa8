import { describe, expect, it } from 'vitest';
import { compileNoProxy } from './no-proxy.js';
import { ProxySelector, readProxyEnvironment } from './proxy-selector.js';
import { maskProxyUrl, parseProxyUrl, restoreMaskedPassword } from './proxy-url.js';

describe('parseProxyUrl', () => {
  it('reads protocol, host, default port and decoded credentials', () => {
    expect(parseProxyUrl('http://user:p%40ss@proxy.local')).toMatchObject({
      protocol: 'http',
      hostname: 'proxy.local',
      port: 80,
      username: 'user',
      password: 'p@ss',
    });
    expect(parseProxyUrl('socks5h://[::1]')).toMatchObject({ protocol: 'socks5', hostname: '::1', port: 1080 });
    expect(parseProxyUrl('https://h:8443')).toMatchObject({ protocol: 'https', port: 8443, username: undefined });
  });

  it('refuses other protocols, paths and garbage with a reason', () => {
    expect(() => parseProxyUrl('socks4://h:1')).toThrow(/not supported/);
    expect(() => parseProxyUrl('http://h:1/path')).toThrow(/path/);
    expect(() => parseProxyUrl('not a url')).toThrow(/not a URL/);
  });
});

describe('masking', () => {
  it('replaces only the password, and a masked URL sent back keeps the stored password', () => {
    const stored = 'http://alice:s3cret@proxy:3128';
    const masked = maskProxyUrl(stored);
    expect(masked).toBe('http://alice:****@proxy:3128');
    expect(restoreMaskedPassword(masked ?? '', stored)).toBe(stored);
    // Another host or user is a new proxy: the mask is not swapped for the old secret there.
    expect(restoreMaskedPassword('http://alice:****@other:3128', stored)).toBe('http://alice:****@other:3128');
    expect(maskProxyUrl('socks5://h:1')).toBe('socks5://h:1');
    expect(maskProxyUrl(null)).toBeNull();
  });
});

describe('compileNoProxy', () => {
  it('matches hosts, subdomains, ports and the wildcard like curl', () => {
    const bypass = compileNoProxy('example.com, .internal  localhost:8080,[::1]');
    expect(bypass('https://example.com/v1')).toBe(true);
    expect(bypass('https://api.example.com/v1')).toBe(true);
    expect(bypass('https://notexample.com/v1')).toBe(false);
    expect(bypass('http://svc.internal/')).toBe(true);
    expect(bypass('http://localhost:8080/')).toBe(true);
    expect(bypass('http://localhost:9090/')).toBe(false);
    expect(bypass('http://[::1]:11434/')).toBe(true);
    expect(compileNoProxy('*')('https://anything/')).toBe(true);
    expect(compileNoProxy([])('https://anything/')).toBe(false);
  });
});

describe('ProxySelector', () => {
  it('prefers the configured proxy, else the environment by scheme, honouring the no-proxy lists', () => {
    const environment = readProxyEnvironment({
      https_proxy: 'http://env-https:3128',
      HTTP_PROXY: 'http://env-http:3128',
      NO_PROXY: 'direct.example',
    });
    const selector = new ProxySelector(environment);
    expect(selector.source).toBe('environment');
    expect(selector.proxyFor('https://api.openai.com/v1')).toBe('http://env-https:3128');
    expect(selector.proxyFor('http://local:11434')).toBe('http://env-http:3128');
    expect(selector.proxyFor('https://direct.example/v1')).toBeUndefined();
    selector.configure({ url: 'socks5://s:1080', noProxy: ['localhost'] });
    expect(selector.source).toBe('settings');
    expect(selector.proxyFor('https://direct.example/v1')).toBe('socks5://s:1080');
    expect(selector.proxyFor('http://localhost:11434')).toBeUndefined();
    selector.configure({ url: null, noProxy: [] });
    expect(selector.proxyFor('https://api.openai.com/v1')).toBe('http://env-https:3128');
  });

  it('ignores malformed environment proxies', () => {
    expect(readProxyEnvironment({ HTTP_PROXY: 'nonsense', HTTPS_PROXY: '' })).toEqual({});
    expect(new ProxySelector({}).proxyFor('https://x/')).toBeUndefined();
  });
});
