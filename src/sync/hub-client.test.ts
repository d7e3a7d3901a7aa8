import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from './hub-client.js';

/** A hub that accepts connections and never answers: a sync must give up on its own. */
let silent: Server;
let url: string;

beforeAll(async () => {
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

describe('HubClient', () => {
  it('gives up on a hub that does not answer within the timeout', async () => {
    const client = new HubClient({ hubUrl: url, space: 'default', token: 't', timeoutMs: 300 });
    await expect(client.get()).rejects.toMatchObject({ code: 'upstream_timeout' });
  });

  it('names an unreachable hub', async () => {
    const client = new HubClient({ hubUrl: 'http://127.0.0.1:1', space: 'default', token: 't', timeoutMs: 2000 });
    await expect(client.get()).rejects.toMatchObject({
      code: 'upstream_unreachable',
      message: expect.stringContaining('cannot be reached'),
    });
  });
});
