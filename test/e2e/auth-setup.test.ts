import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/observability/logger.js';
import { type RunningGateway, startGateway } from '../../src/server.js';
import { jsonOf, startHarness } from '../helpers/gateway-harness.js';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('first-run password setup (POST /api/auth/setup)', () => {
  let gateway: RunningGateway;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'omniroute-setup-'));
    gateway = await startGateway(loadConfig({}, { dataDir, port: 0 }), silentLogger(), {});
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets the first password from this machine, logs the caller in, and never replaces it afterwards', async () => {
    expect(await (await fetch(`${gateway.url}/api/init`)).json()).toMatchObject({ passwordSet: false });

    const short = await post(`${gateway.url}/api/auth/setup`, { password: 'short' });
    expect(short.status).toBe(400);
    expect((await jsonOf(short)).error.param).toBe('password');

    const remote = await post(
      `${gateway.url}/api/auth/setup`,
      { password: 'a-long-password' },
      { 'x-forwarded-for': '203.0.113.9' },
    );
    expect(remote.status).toBe(403);
    expect((await fetch(`${gateway.url}/api/init`).then(jsonOf)).passwordSet).toBe(false);

    const setup = await post(`${gateway.url}/api/auth/setup`, { password: 'a-long-password' });
    expect(setup.status).toBe(201);
    const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^auth_token=/);
    expect((await fetch(`${gateway.url}/api/keys`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${gateway.url}/api/init`).then(jsonOf)).passwordSet).toBe(true);

    const again = await post(`${gateway.url}/api/auth/setup`, { password: 'an-attackers-password' });
    expect(again.status).toBe(409);
    expect((await post(`${gateway.url}/api/auth/login`, { password: 'an-attackers-password' })).status).toBe(401);
    expect((await post(`${gateway.url}/api/auth/login`, { password: 'a-long-password' })).status).toBe(200);

    const audit = await fetch(`${gateway.url}/api/compliance/audit-log?action=password.`, { headers: { cookie } });
    expect((await jsonOf(audit)).entries.map((entry: any) => entry.action)).toContain('password.setup');
  });

  it('lets only one of two simultaneous first-run requests win', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omniroute-setup-race-'));
    const fresh = await startGateway(loadConfig({}, { dataDir: dir, port: 0 }), silentLogger(), {});
    try {
      const answers = await Promise.all([
        post(`${fresh.url}/api/auth/setup`, { password: 'first-password' }),
        post(`${fresh.url}/api/auth/setup`, { password: 'second-password' }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the dashboard is public, its API is not', () => {
  it('serves /dashboard without a login while /api stays closed, and / leads to it', async () => {
    const harness = await startHarness();
    try {
      const page = await fetch(`${harness.url}/dashboard/providers`);
      // 200 with the built app, 503 with the "run npm run build" page: never a login wall.
      expect([200, 503]).toContain(page.status);
      expect(page.headers.get('content-type')).toContain('text/html');
      const root = await fetch(`${harness.url}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/dashboard/');
      expect((await fetch(`${harness.url}/api/keys`)).status).toBe(401);
    } finally {
      await harness.stop();
    }
  });
});
