import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/cli/version.js';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/observability/logger.js';
import { startGateway } from '../../src/server.js';
import { type GatewayHarness, jsonOf, startHarness, testPassword } from '../helpers/gateway-harness.js';

const json = { 'content-type': 'application/json' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function login(harness: GatewayHarness, password = testPassword, headers: Record<string, string> = {}) {
  return fetch(`${harness.url}/api/auth/login`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify({ password }),
  });
}

async function sessionCookie(harness: GatewayHarness): Promise<string> {
  const response = await login(harness);
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const get = (harness: GatewayHarness, path: string, headers: Record<string, string> = {}) =>
  fetch(`${harness.url}${path}`, { headers });

describe('dashboard sessions', () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startHarness({
      config: { auth: { ...loadConfig({}).auth, sessionLifetimeMs: 3000 } },
    });
  });
  afterAll(() => harness.stop());

  it('renews a session used after half its lifetime with a fresh cookie, and keeps it alive past the first expiry', async () => {
    const cookie = await sessionCookie(harness);
    const early = await get(harness, '/api/keys', { cookie });
    expect(early.status).toBe(200);
    expect(early.headers.get('set-cookie')).toBeNull();

    await sleep(1700);
    const renewed = await get(harness, '/api/keys', { cookie });
    expect(renewed.status).toBe(200);
    const fresh = renewed.headers.get('set-cookie') ?? '';
    expect(fresh).toMatch(/^auth_token=/);
    expect(fresh).toMatch(/HttpOnly/i);
    expect(fresh.split(';')[0]).toBe(cookie);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(fresh)?.[1] ?? '');
    // Cookie dates have whole-second precision: the renewed expiry lies beyond now, past the login's own expiry.
    expect(expires).toBeGreaterThan(Date.now());

    await sleep(1800); // the login's own expiry has passed; the renewal carries it
    expect((await get(harness, '/api/keys', { cookie })).status).toBe(200);
  });

  it('ends a session that is not used within its lifetime', async () => {
    const cookie = await sessionCookie(harness);
    await sleep(3200);
    const response = await get(harness, '/api/keys', { cookie });
    expect(response.status).toBe(401);
  });

  it('marks the cookie Secure behind HTTPS: directly, or via a local proxy saying so', async () => {
    const plain = await login(harness);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
    const proxied = await login(harness, testPassword, { 'x-forwarded-proto': 'https' });
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/i);
    // A remote client cannot claim HTTPS with a header.
    const remote = await harness.gateway.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.5',
      headers: { ...json, 'x-forwarded-proto': 'https' },
      payload: { password: testPassword },
    });
    expect(remote.statusCode).toBe(200);
    expect(String(remote.headers['set-cookie'])).not.toMatch(/Secure/i);
  });

  it('logout clears the cookie and ends the session', async () => {
    const cookie = await sessionCookie(harness);
    const logout = await fetch(`${harness.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    const cleared = logout.headers.get('set-cookie') ?? '';
    expect(cleared).toMatch(/^auth_token=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/i);
    expect((await get(harness, '/api/keys', { cookie })).status).toBe(401);
  });
});

describe('password change', () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  const change = (cookie: string, body: unknown) =>
    fetch(`${harness.url}/api/settings`, { method: 'PUT', headers: { ...json, cookie }, body: JSON.stringify(body) });

  it('refuses a wrong current password or a short new one, naming the field', async () => {
    const cookie = await sessionCookie(harness);
    const wrong = await change(cookie, { currentPassword: 'nope', newPassword: 'long-enough-1' });
    expect(wrong.status).toBe(401);
    expect((await jsonOf(wrong)).error).toMatchObject({ code: 'invalid_password', param: 'currentPassword' });
    const short = await change(cookie, { currentPassword: testPassword, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect((await jsonOf(short)).error.param).toBe('newPassword');
    expect((await login(harness)).status).toBe(200);
  });

  it('changes the password and ends every other session, keeping the one that changed it', async () => {
    const mine = await sessionCookie(harness);
    const other = await sessionCookie(harness);
    const response = await change(mine, { currentPassword: testPassword, newPassword: 'brand-new-password' });
    expect(response.status).toBe(200);
    expect((await get(harness, '/api/keys', { cookie: mine })).status).toBe(200);
    expect((await get(harness, '/api/keys', { cookie: other })).status).toBe(401);
    expect((await login(harness)).status).toBe(401);
    expect((await login(harness, 'brand-new-password')).status).toBe(200);

    const audit = async (query: string) =>
      jsonOf(await get(harness, `/api/compliance/audit-log?${query}`, { cookie: mine }));
    const body = await audit('action=password.');
    expect(body.entries.map((entry: any) => entry.action)).toEqual(['password.change', 'password.change_failed']);
    expect(body.entries[0]).toMatchObject({ actor: 'dashboard', details: { endedSessions: expect.any(Number) } });
    expect(JSON.stringify(body)).not.toContain('brand-new-password');
    // The password change is its own entry, not also a settings.update (the one there is the harness's own PATCH).
    const settingsUpdates = await audit('action=settings.update');
    expect(settingsUpdates.entries.map((entry: any) => Object.keys(entry.details.changes))).toEqual([
      ['allowPrivateBaseUrls'],
    ]);
  });
});

describe('login brute-force protection', () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    const defaults = loadConfig({}).auth;
    harness = await startHarness({
      config: {
        auth: { ...defaults, loginThrottle: { ...defaults.loginThrottle, maxFailures: 3, baseLockoutMs: 1000 } },
      },
    });
  });
  afterAll(() => harness.stop());

  it('answers 429 with Retry-After after repeated failures, even for the right password, until the lockout ends', async () => {
    expect((await login(harness, 'wrong-1')).status).toBe(401);
    expect((await login(harness, 'wrong-2')).status).toBe(401);
    expect((await login(harness, 'wrong-3')).status).toBe(401);
    const locked = await login(harness);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('1');
    expect((await jsonOf(locked)).error.code).toBe('rate_limited');

    await sleep(1050);
    expect((await login(harness)).status).toBe(200);
    // The success reset the count: two more failures do not lock.
    expect((await login(harness, 'wrong-4')).status).toBe(401);
    expect((await login(harness, 'wrong-5')).status).toBe(401);
    expect((await login(harness)).status).toBe(200);
  });

  it('counts per client IP: a locked-out address does not lock out others', async () => {
    const attempt = (remoteAddress: string, password: string) =>
      harness.gateway.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: json,
        payload: { password },
      });
    for (const guess of ['a', 'b', 'c']) expect((await attempt('10.0.0.7', guess)).statusCode).toBe(401);
    const locked = await attempt('10.0.0.7', testPassword);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await attempt('10.0.0.8', testPassword)).statusCode).toBe(200);
    expect((await login(harness)).status).toBe(200);
  });

  it('records every attempt in the audit log, without the password tried', async () => {
    const { body } = await harness.manage('GET', '/api/compliance/audit-log?action=login.&limit=500');
    const reasons = body.entries.map((entry: any) => entry.details?.reason ?? entry.action);
    expect(reasons).toContain('wrong_password');
    expect(reasons).toContain('too_many_attempts');
    expect(reasons).toContain('login.success');
    const blocked = body.entries.find(
      (entry: any) => entry.details?.reason === 'too_many_attempts' && entry.ip === '10.0.0.7',
    );
    expect(blocked).toMatchObject({ actor: 'anonymous', action: 'login.failure' });
    expect(JSON.stringify(body)).not.toContain('wrong-1');
    expect(JSON.stringify(body)).not.toContain(testPassword);
  });
});

describe('require-login', () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  const inject = (options: {
    method?: 'GET' | 'POST';
    url: string;
    remoteAddress?: string;
    headers?: Record<string, string>;
  }) => harness.gateway.app.inject({ method: options.method ?? 'GET', ...options });

  it('reads and validates the setting, behind management auth', async () => {
    expect((await get(harness, '/api/settings/require-login')).status).toBe(401);
    expect(await harness.manage('GET', '/api/settings/require-login')).toEqual({
      status: 200,
      body: { requireLogin: true },
    });
    const bad = await harness.manage('PUT', '/api/settings/require-login', { requireLogin: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('requireLogin');
    const unknown = await harness.manage('PUT', '/api/settings/require-login', { requireLogin: false, extra: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('extra');
  });

  it('with login off, lets loopback in without a cookie and still refuses everyone else', async () => {
    expect(await harness.manage('PUT', '/api/settings/require-login', { requireLogin: false })).toEqual({
      status: 200,
      body: { requireLogin: false },
    });
    expect((await harness.manage('GET', '/api/settings')).body.requireLogin).toBe(false);

    expect((await get(harness, '/api/providers')).status).toBe(200);
    const created = await fetch(`${harness.url}/api/keys`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'local' }),
    });
    expect(created.status).toBe(201);
    expect((await inject({ url: '/api/providers', remoteAddress: '::1' })).statusCode).toBe(200);
    expect((await inject({ url: '/api/providers', remoteAddress: '::ffff:127.0.0.1' })).statusCode).toBe(200);

    expect((await inject({ url: '/api/providers', remoteAddress: '10.0.0.5' })).statusCode).toBe(401);
    expect((await inject({ url: '/api/providers', remoteAddress: '::ffff:10.0.0.5' })).statusCode).toBe(401);
    // Relayed by a local reverse proxy for a remote visitor: not local.
    const relayed = await inject({ url: '/api/providers', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.statusCode).toBe(401);
    expect((await inject({ url: '/api/providers', headers: { 'x-forwarded-for': '127.0.0.1' } })).statusCode).toBe(200);
    // DNS rebinding: loopback peer, foreign Host name.
    expect((await inject({ url: '/api/providers', headers: { host: 'evil.example:20128' } })).statusCode).toBe(401);
    // A cross-site page cannot use the loopback trust to change anything.
    const crossSite = await fetch(`${harness.url}/api/keys`, {
      method: 'POST',
      headers: { ...json, origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'csrf' }),
    });
    expect(crossSite.status).toBe(403);
    // The remote caller still gets in with a manage key.
    const { body: admin } = await harness.manage('POST', '/api/keys', { name: 'ops', scopes: ['manage'] });
    const withKey = await inject({
      url: '/api/providers',
      remoteAddress: '10.0.0.5',
      headers: { authorization: `Bearer ${admin.key}` },
    });
    expect(withKey.statusCode).toBe(200);

    const { body } = await harness.manage('GET', '/api/compliance/audit-log?action=key.create&limit=5');
    expect(body.entries.find((entry: any) => entry.details.input?.name === 'local')).toMatchObject({
      actor: 'anonymous',
      ip: '127.0.0.1',
    });
  });

  it('with login back on, loopback needs a cookie again', async () => {
    expect((await harness.manage('PUT', '/api/settings/require-login', { requireLogin: true })).status).toBe(200);
    expect((await get(harness, '/api/providers')).status).toBe(401);
    expect((await inject({ url: '/api/providers', remoteAddress: '127.0.0.1' })).statusCode).toBe(401);
  });
});

describe('cross-site protection', () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  it('refuses a cookie-authenticated change marked Sec-Fetch-Site: cross-site, and audits it', async () => {
    const cookie = await sessionCookie(harness);
    const post = (headers: Record<string, string>) =>
      fetch(`${harness.url}/api/keys`, {
        method: 'POST',
        headers: { ...json, cookie, ...headers },
        body: JSON.stringify({ name: 'k' }),
      });
    const refused = await post({ 'sec-fetch-site': 'cross-site' });
    expect(refused.status).toBe(403);
    expect((await jsonOf(refused)).error.code).toBe('forbidden');
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await post({ origin: harness.url, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    // Reads stay possible (a cross-site page cannot read the answer anyway).
    expect((await get(harness, '/api/keys', { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(200);

    const { body } = await harness.manage('GET', '/api/compliance/audit-log?action=request.blocked');
    expect(body.entries[0]).toMatchObject({
      actor: 'dashboard',
      details: { reason: 'cross-site', route: 'POST /api/keys' },
    });
  });

  it('keeps key-authenticated scripts working (no Origin, no Sec-Fetch-Site)', async () => {
    const { body: admin } = await harness.manage('POST', '/api/keys', { name: 'script', scopes: ['manage'] });
    const response = await fetch(`${harness.url}/api/keys`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${admin.key}` },
      body: JSON.stringify({ name: 'from-script' }),
    });
    expect(response.status).toBe(201);
  });
});

describe('GET /api/init', () => {
  it('tells onboarding the first-run state without a login and without secrets', async () => {
    const harness = await startHarness();
    try {
      const first = await get(harness, '/api/init');
      expect(first.status).toBe(200);
      expect(await jsonOf(first)).toEqual({
        passwordSet: true,
        requireLogin: true,
        providers: 0,
        keys: 0,
        version: packageVersion,
      });
      await harness.connect({ provider: 'deepseek', name: 'work', apiKey: 'sk-deepseek-very-secret-1234' });
      const { body: key } = await harness.manage('POST', '/api/keys', { name: 'client' });
      const revoked = await harness.manage('POST', '/api/keys', { name: 'gone' });
      await harness.manage('DELETE', `/api/keys/${revoked.body.id}`);
      const later = await jsonOf(await get(harness, '/api/init'));
      expect(later).toMatchObject({ providers: 1, keys: 1 });
      const text = JSON.stringify(later);
      expect(text).not.toContain('sk-deepseek');
      expect(text).not.toContain(key.key);
      expect(text).not.toContain('work');
    } finally {
      await harness.stop();
    }
  });

  it('says when no password is set yet', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-init-'));
    const gateway = await startGateway(
      { ...loadConfig({}, { dataDir, port: 0 }), shutdownGraceMs: 1000 },
      silentLogger(),
      {},
    );
    try {
      const body = await jsonOf(await fetch(`${gateway.url}/api/init`));
      expect(body).toMatchObject({ passwordSet: false, providers: 0, keys: 0 });
      const refused = await fetch(`${gateway.url}/api/auth/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ password: 'x' }),
      });
      expect(refused.status).toBe(401);
    } finally {
      await gateway.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
