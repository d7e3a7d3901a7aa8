import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, jsonOf, startHarness } from '../../helpers/gateway-harness.js';
import { waitForRestart } from './wait-for-restart.js';

let harness: GatewayHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

describe('POST /api/restart and /api/shutdown', () => {
  it('are closed without login and to a client-only key', async () => {
    expect((await fetch(`${harness.url}/api/restart`, { method: 'POST' })).status).toBe(401);
    const { body: plain } = await harness.manage('POST', '/api/keys', { name: 'plain' });
    const forbidden = await fetch(`${harness.url}/api/shutdown`, {
      method: 'POST',
      headers: { authorization: `Bearer ${plain.key}` },
    });
    expect(forbidden.status).toBe(403);
  });

  it('names an unknown field', async () => {
    const bad = await harness.manage('POST', '/api/restart', { now: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ param: 'now' });
  });

  it('restarts in place: answers 202, then serves again on the same URL with the same data', async () => {
    const { body: key } = await harness.manage('POST', '/api/keys', { name: 'survivor', scopes: ['manage'] });
    const before = harness.gateway.app;
    const answer = await harness.manage('POST', '/api/restart');
    expect(answer).toEqual({ status: 202, body: { status: 'restarting' } });
    await waitForRestart(harness, before);

    // The session cookie and the key live in the database, so both still work on the new instance.
    const { body: keys } = await harness.manage('GET', '/api/keys');
    expect(keys.keys.map((entry: { name: string }) => entry.name)).toContain('survivor');
    const health = await fetch(`${harness.url}/api/monitoring/health`, {
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(health.status).toBe(200);
    expect((await jsonOf(health)).uptimeSeconds).toBeLessThan(5);
  });

  it('shuts down gracefully: answers 202, then stops listening and reports why', async () => {
    const other = await startHarness();
    const answer = await other.manage('POST', '/api/shutdown', {});
    expect(answer).toEqual({ status: 202, body: { status: 'shutting_down' } });
    await expect(other.gateway.stopped).resolves.toEqual({ reason: 'shutdown' });
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
    await other.stop(); // closing again is harmless
  });
});
