import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../helpers/gateway-harness.js';

let harness: GatewayHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

/** Sends a raw request line, so encodings and absolute-form targets reach the server exactly as written. */
function rawStatus(target: string): Promise<number> {
  const { port } = new URL(harness.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: gateway.example\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('management routes cannot be reached by spelling the path differently', () => {
  it.each([
    '/api/keys',
    '/%61pi/keys',
    '/ap%69/keys',
    '/%61%70%69/providers',
    'http://x/api/keys',
    '/api/keys?x=1',
    '/%6detrics',
    '/metrics',
  ])('%s without credentials is refused', async (target) => {
    const status = await rawStatus(target);
    expect([401, 404]).toContain(status);
  });
});
