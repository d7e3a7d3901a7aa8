import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codexBase, type OAuthRig, startOAuthRig } from './oauth-setup.js';

let rig: OAuthRig;
beforeAll(async () => {
  rig = await startOAuthRig();
});
afterAll(() => rig.stop());

/** Plays the browser: opens the authorize URL and returns where the provider redirected it. */
async function signInInBrowser(authorizeUrl: string): Promise<string> {
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return response.headers.get('location') as string;
}

describe('authorization code with PKCE', () => {
  it('Codex: authorize, paste the callback URL, get a tested connection that serves requests', async () => {
    const started = await rig.harness.manage('POST', '/api/oauth/cx/authorize', { baseUrl: codexBase(rig) });
    expect(started.status).toBe(200);
    const url = new URL(started.body.authorizeUrl);
    expect(url.searchParams.get('client_id')).toBe('app_EMoamEEZ73f0CkXaXp7hrann');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:1455/auth/callback');
    // The verifier never leaves the server.
    expect(JSON.stringify(started.body)).not.toContain('verifier');
    url.searchParams.set('login_hint', 'codex-user@example.com');

    const callbackUrl = await signInInBrowser(url.toString());
    const exchanged = await rig.harness.manage('POST', '/api/oauth/cx/exchange', { callbackUrl });
    expect(exchanged.status).toBe(201);
    expect(exchanged.body).toMatchObject({
      provider: 'codex',
      authType: 'oauth',
      status: 'active',
      account: 'codex-user@example.com',
      lastTest: { ok: true },
    });
    expect(Date.parse(exchanged.body.tokenExpiresAt)).toBeGreaterThan(Date.now());

    // The same callback cannot be replayed.
    const replay = await rig.harness.manage('POST', '/api/oauth/cx/exchange', { callbackUrl });
    expect(replay.status).toBe(400);

    // Codex only streams; a non-streaming client still gets one JSON answer.
    const answer = await rig.chat('cx/gpt-5.1-codex');
    expect(answer.status).toBe(200);
    expect(answer.body.choices[0].message.content).toBe('Mock codex reply to gpt-5.1-codex');
    const upstreamCall = rig.oauth.requests.filter((r) => r.path === '/backend-api/codex/responses').at(-1);
    expect(upstreamCall?.body.stream).toBe(true);
    expect(upstreamCall?.headers['chatgpt-account-id']).toBe('acct-codex-user@example.com');
    expect(upstreamCall?.headers.originator).toBe('codex_cli_rs');

    // The usage windows Codex reported are shown on the account.
    const view = await rig.harness.manage('GET', `/api/providers/${exchanged.body.id}`);
    expect(view.body.quota.headers['x-codex-primary-used-percent']).toBe('42');
  });

  it('Claude Code: the pasted code#state finishes the sign-in; requests carry the Claude Code headers', async () => {
    const started = await rig.harness.manage('POST', '/api/oauth/cc/authorize', {
      baseUrl: `${rig.upstream.url}/v1`,
    });
    const location = new URL(await signInInBrowser(started.body.authorizeUrl));
    const pasted = `${location.searchParams.get('code')}#${location.searchParams.get('state')}`;
    const exchanged = await rig.harness.manage('POST', '/api/oauth/claude-code/exchange', { code: pasted });
    expect(exchanged.status).toBe(201);
    expect(exchanged.body).toMatchObject({
      provider: 'claude-code',
      account: 'user@example.com',
      lastTest: { ok: true },
    });

    const answer = await rig.chat('cc/claude-opus-4-6');
    expect(answer.status).toBe(200);
    const call = rig.upstream.requests.filter((r) => r.path.startsWith('/v1/messages')).at(-1);
    expect(call?.path).toBe('/v1/messages?beta=true');
    expect(call?.headers['anthropic-beta']).toContain('oauth-2025-04-20');
    expect(call?.headers.authorization).toMatch(/^Bearer at_/);
    expect(call?.headers['x-api-key']).toBeUndefined();
    expect((call?.body as any)?.system[0].text).toContain('You are Claude Code');
  });

  it('Gemini CLI: the local callback route finishes the sign-in; Code Assist envelopes are unwrapped', async () => {
    const started = await rig.harness.manage('POST', '/api/oauth/gc/authorize', { baseUrl: rig.oauth.url });
    expect(started.body.redirectUri).toBe(`${rig.harness.url}/api/oauth/callback`);
    const location = new URL(await signInInBrowser(started.body.authorizeUrl));
    const done = await rig.harness.manage('GET', `/api/oauth/callback${location.search}`);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ provider: 'gemini-cli', lastTest: { ok: true } });

    const answer = await rig.chat('gc/gemini-2.5-pro');
    expect(answer.status).toBe(200);
    expect(answer.body.choices[0].message.content).toBe('Mock code assist reply from mock-project');
    const streamed = await rig.chat('gc/gemini-2.5-flash', 'hi', true);
    expect(streamed.status).toBe(200);
    expect(streamed.text).toContain('Mock code assist reply from mock-project');
  });

  it('refuses an unknown state and names the field', async () => {
    const { status, body } = await rig.harness.manage('POST', '/api/oauth/cx/exchange', { code: 'x', state: 'nope' });
    expect(status).toBe(400);
    expect(body.error.message).toContain('state');
  });
});

describe('device code', () => {
  it('Qwen: pending until approved, then a connection on the resource_url the token named', async () => {
    const started = await rig.harness.manage('POST', '/api/oauth/qw/device-code', {});
    expect(started.status).toBe(200);
    expect(started.body.userCode).toMatch(/^[0-9A-F]{6}$/);
    const deviceRequest = rig.oauth.requests.filter((r) => r.path === '/device/code').at(-1);
    expect(deviceRequest?.body.code_challenge).toBeTruthy();

    const pending = await rig.harness.manage('POST', '/api/oauth/qw/poll', { flowId: started.body.flowId });
    expect(pending.status).toBe(202);
    expect(pending.body.status).toBe('pending');

    rig.oauth.approveDevice(started.body.userCode);
    const done = await rig.harness.manage('POST', '/api/oauth/qw/poll', { flowId: started.body.flowId });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ provider: 'qwen-code', authType: 'oauth', lastTest: { ok: true } });
    const answer = await rig.chat('qw/qwen3-coder-plus');
    expect(answer.status).toBe(200);
    const call = rig.upstream.requests.filter((r) => r.path === '/v1/chat/completions').at(-1);
    expect(call?.headers['x-dashscope-authtype']).toBe('qwen-oauth');
  });

  it('GitHub Copilot: the GitHub token is traded for a Copilot token, which calls the API it names', async () => {
    const started = await rig.harness.manage('POST', '/api/oauth/gh/device-code', {});
    rig.oauth.approveDevice(started.body.userCode);
    const copilotCalls = rig.oauth.stats.copilotCalls;
    const done = await rig.harness.manage('POST', '/api/oauth/gh/poll', { flowId: started.body.flowId });
    expect(done.status).toBe(201);
    expect(done.body.lastTest.ok).toBe(true);
    expect(rig.oauth.stats.copilotCalls).toBe(copilotCalls + 1);
    const answer = await rig.chat('gh/gpt-4.1');
    expect(answer.status).toBe(200);
    const call = rig.upstream.requests.filter((r) => r.path === '/v1/chat/completions').at(-1);
    expect(call?.headers.authorization).toMatch(/^Bearer cop_/);
    expect(call?.headers['copilot-integration-id']).toBe('vscode-chat');

    // With only Copilot connected a bare id finds it; once an API account offers the same model, the API one wins.
    expect((await rig.chat('gpt-4.1')).status).toBe(200);
    await rig.harness.connect({ provider: 'openai', apiKey: 'sk-openai', baseUrl: `${rig.upstream.url}/v1` });
    expect((await rig.chat('gpt-4.1')).status).toBe(200);
    const bare = rig.upstream.requests.filter((r) => r.path === '/v1/chat/completions').at(-1);
    expect(bare?.headers.authorization).toBe('Bearer sk-openai');

    // The connection test route goes through the same session.
    const tested = await rig.harness.manage('POST', `/api/providers/${done.body.id}/test`, {});
    expect(tested.body.ok).toBe(true);
  });

  it('says which flow a provider uses', async () => {
    const { status, body } = await rig.harness.manage('POST', '/api/oauth/gh/authorize', {});
    expect(status).toBe(400);
    expect(body.error.message).toContain('device-code');
  });
});

describe('import', () => {
  it('imports a pasted token JSON; the same account signed in again is reconnected, not duplicated', async () => {
    const baseUrl = `${rig.upstream.url}/v1`;
    const pasted = await rig.importTokens('cc', rig.oauth.issueTokens('import@example.com'), { baseUrl });
    expect(pasted).toMatchObject({ provider: 'claude-code', account: 'import@example.com', lastTest: { ok: true } });
    const again = rig.oauth.issueTokens('import@example.com');
    const { status, body } = await rig.harness.manage('POST', '/api/oauth/cc/import', { tokens: again, baseUrl });
    expect(status).toBe(200);
    expect(body.id).toBe(pasted.id);
    const list = await rig.harness.manage('GET', '/api/providers');
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(again.refresh_token);
    expect(text).not.toContain(again.access_token);
  });

  it("imports the Claude Code CLI's credentials file", async () => {
    const home = mkdtempSync(join(tmpdir(), 'omniroute-creds-'));
    const file = join(home, '.credentials.json');
    const issued = rig.oauth.issueTokens('file-user@example.com');
    const claudeAiOauth = {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      expiresAt: Date.now() + 3_600_000,
    };
    writeFileSync(file, JSON.stringify({ claudeAiOauth }));
    const { status, body } = await rig.harness.manage('POST', '/api/oauth/cc/import', {
      path: file,
      name: 'from-file',
      baseUrl: `${rig.upstream.url}/v1`,
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: 'from-file', authType: 'oauth', lastTest: { ok: true } });
  });

  it('imports a Codex auth.json and a bare refresh token', async () => {
    const issued = rig.oauth.issueTokens('file@example.com');
    const fromFile = await rig.importTokens(
      'codex',
      { tokens: { id_token: issued.id_token, access_token: issued.access_token, refresh_token: issued.refresh_token } },
      { baseUrl: codexBase(rig) },
    );
    expect(fromFile).toMatchObject({ account: 'file@example.com', lastTest: { ok: true } });

    const other = rig.oauth.issueTokens('refresh-only@example.com');
    const refreshes = rig.oauth.stats.refreshCalls;
    const fromRefresh = await rig.importTokens('codex', other.refresh_token, { baseUrl: codexBase(rig), name: 'bare' });
    expect(fromRefresh.lastTest.ok).toBe(true);
    expect(rig.oauth.stats.refreshCalls).toBe(refreshes + 1);
  });

  it('refuses a file that is not there without echoing anything', async () => {
    const { status, body } = await rig.harness.manage('POST', '/api/oauth/cc/import', {
      path: '/nonexistent/creds.json',
    });
    expect(status).toBe(400);
    expect(body.error.message).toContain('cannot be read');
  });
});

describe('env repair', () => {
  it('restores the missing OAuth defaults and reports them, leaving overrides alone', async () => {
    const { status, body } = await rig.harness.manage('POST', '/api/system/env/repair');
    expect(status).toBe(200);
    const names = body.repaired.map((entry: { name: string }) => entry.name);
    expect(names).toContain('CLAUDE_OAUTH_CLIENT_ID');
    expect(names).toContain('GEMINI_CLI_OAUTH_CLIENT_SECRET');
    expect(names).not.toContain('CLAUDE_OAUTH_TOKEN_URL');
    const second = await rig.harness.manage('POST', '/api/system/env/repair');
    expect(second.body.count).toBe(0);
  });
});
