import { Agent, ProxyAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ProxyDispatchers } from './proxy-dispatchers.js';

const timeouts = { connectTimeoutMs: 1000, headersTimeoutMs: 1000, streamIdleTimeoutMs: 1000 };
let dispatchers: ProxyDispatchers;
afterEach(async () => dispatchers.close());

describe('ProxyDispatchers', () => {
  it('builds one keep-alive dispatcher per proxy URL and reuses it', () => {
    dispatchers = new ProxyDispatchers(timeouts);
    const http = dispatchers.get('http://u:p@proxy:3128');
    expect(http).toBeInstanceOf(ProxyAgent);
    expect(dispatchers.get('http://u:p@proxy:3128')).toBe(http);
    const socks = dispatchers.get('socks5://proxy:1080');
    expect(socks).toBeInstanceOf(Agent);
    expect(socks).not.toBe(http);
    expect(dispatchers.size).toBe(2);
  });

  it('closes the least recently used dispatcher beyond its cap', () => {
    dispatchers = new ProxyDispatchers(timeouts);
    const first = dispatchers.get('http://proxy-0:3128');
    for (let index = 1; index <= 32; index += 1) dispatchers.get(`http://proxy-${index}:3128`);
    expect(dispatchers.size).toBe(32);
    expect(dispatchers.get('http://proxy-0:3128')).not.toBe(first);
  });
});
