import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codexBase, type OAuthRig, startOAuthRig } from './oauth-setup.js';

let rig: OAuthRig;
beforeEach(async () => {
  rig = await startOAuthRig();
});
afterEach(() => rig.stop());

/** A Codex account on the mock's stream-only endpoint; `ttlSec` under 5 minutes means "about to expire". */
async function codexAccount(email: string, options: { ttlSec?: number; test?: boolean } = {}) {
  const tokens = rig.oauth.issueTokens(email, options.ttlSec);
  return rig.importTokens('cx', tokens, { baseUrl: codexBase(rig), test: options.test ?? true });
}

describe('token refresh', () => {
  it('20 concurrent requests with an about-to-expire token refresh it exactly once', async () => {
    const account = await codexAccount('busy@example.com', { ttlSec: 60, test: false });
    const before = rig.oauth.stats.refreshCalls;
    const answers = await Promise.all(Array.from({ length: 20 }, () => rig.chat('cx/gpt-5.1-codex')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(rig.oauth.stats.refreshCalls - before).toBe(1);
    expect(rig.oauth.stats.refreshReuse).toBe(0);
    // The rotated tokens were stored: the account shows the new, later expiry.
    const view = await rig.harness.manage('GET', `/api/providers/${account.id}`);
    expect(Date.parse(view.body.tokenExpiresAt)).toBeGreaterThan(Date.now() + 30 * 60_000);
  });

  it('a 401 from the upstream triggers one refresh and one retry', async () => {
    await codexAccount('revoked@example.com');
    rig.oauth.revokeAccessTokens();
    const before = { ...rig.oauth.stats };
    const answer = await rig.chat('cx/gpt-5.1-codex');
    expect(answer.status).toBe(200);
    expect(rig.oauth.stats.unauthorized - before.unauthorized).toBe(1);
    expect(rig.oauth.stats.refreshCalls - before.refreshCalls).toBe(1);
  });

  it('a failed refresh marks the account expired, and routing falls through to the next account', async () => {
    const first = await codexAccount('first@example.com', { ttlSec: 60, test: false });
    const second = await codexAccount('second@example.com');
    rig.oauth.failRefreshes();
    const answer = await rig.chat('cx/gpt-5.1-codex');
    expect(answer.status).toBe(200);
    const last = rig.oauth.requests.filter((r) => r.path === '/backend-api/codex/responses').at(-1);
    expect(last?.headers['chatgpt-account-id']).toBe('acct-second@example.com');

    const view = await rig.harness.manage('GET', `/api/providers/${first.id}`);
    expect(view.body.status).toBe('expired');
    expect(view.body.reason).toContain('invalid_grant');
    expect(view.body.reason).toContain('Reconnect');
    // Routing skips it from now on: no further refresh attempts.
    const refreshes = rig.oauth.stats.refreshCalls;
    expect((await rig.chat('cx/gpt-5.1-codex')).status).toBe(200);
    expect(rig.oauth.stats.refreshCalls).toBe(refreshes);
    const limits = await rig.harness.manage('GET', '/api/rate-limits');
    expect(limits.body.accounts.map((a: { connectionId: string }) => a.connectionId)).toEqual([second.id]);

    // Signing in again to the same account reconnects it.
    rig.oauth.failRefreshes(false);
    const again = await codexAccount('first@example.com');
    expect(again.id).toBe(first.id);
    expect(again.status).toBe('active');
  });
});

describe('quota windows', () => {
  it("Codex's usage_limit_reached cools the account until the stated reset", async () => {
    const account = await codexAccount('limited@example.com');
    rig.oauth.exhaustQuota(3600);
    const answer = await rig.chat('cx/gpt-5.1-codex');
    expect(answer.status).toBe(429);
    const limits = await rig.harness.manage('GET', '/api/rate-limits');
    const cooldown = limits.body.accounts.find((a: { connectionId: string }) => a.connectionId === account.id).cooldown;
    expect(cooldown.reason).toBe('quota_exhausted');
    expect(cooldown.until).toBeGreaterThan(Date.now() + 3500_000);
    expect(cooldown.until).toBeLessThan(Date.now() + 3700_000);
    // While it cools down the upstream is not called.
    const calls = rig.oauth.stats.upstreamCalls;
    expect((await rig.chat('cx/gpt-5.1-codex')).status).toBeGreaterThanOrEqual(429);
    expect(rig.oauth.stats.upstreamCalls).toBe(calls);
  });

  it("Gemini's RESOURCE_EXHAUSTED retry delay cools the account for that long", async () => {
    const tokens = rig.oauth.issueTokens('gemini@example.com');
    const account = await rig.importTokens('gc', tokens, { baseUrl: rig.oauth.url });
    rig.oauth.exhaustQuota(120);
    expect((await rig.chat('gc/gemini-2.5-pro')).status).toBe(429);
    const limits = await rig.harness.manage('GET', '/api/rate-limits');
    const cooldown = limits.body.accounts.find((a: { connectionId: string }) => a.connectionId === account.id).cooldown;
    expect(cooldown.until).toBeGreaterThan(Date.now() + 100_000);
    expect(cooldown.until).toBeLessThan(Date.now() + 130_000);
  });
});
