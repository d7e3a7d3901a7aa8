import { describe, expect, it } from 'vitest';
import { parseCredentials } from './read-credentials.js';
import { subscriptionQuirks } from './subscription-quirks.js';

const tokens = { accessToken: 'at', accountId: 'acct-1', projectId: 'proj-1' };

describe('subscription quirks', () => {
  it('Claude Code: beta flags merged, ?beta=true, its system prompt first', () => {
    const call = subscriptionQuirks['claude-code']?.rewrite?.(
      { path: '/messages', body: { system: 'Be brief.' }, headers: { 'anthropic-beta': 'context-1m-2025-08-07' } },
      tokens,
    );
    expect(call?.path).toBe('/messages?beta=true');
    expect(call?.headers['anthropic-beta']?.split(',')).toEqual(
      expect.arrayContaining(['oauth-2025-04-20', 'context-1m-2025-08-07']),
    );
    expect(call?.body.system).toEqual([
      { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
      { type: 'text', text: 'Be brief.' },
    ]);
  });

  it('Codex: always streams, never stores, and maps an effort suffix onto reasoning.effort', () => {
    const call = subscriptionQuirks.codex?.rewrite?.(
      { path: '/responses', body: { model: 'gpt-5.1-codex-high', stream: false }, headers: {} },
      tokens,
    );
    expect(call?.body).toMatchObject({
      model: 'gpt-5.1-codex',
      stream: true,
      store: false,
      reasoning: { effort: 'high' },
    });
    expect(subscriptionQuirks.codex?.accountHeaders?.(tokens)).toEqual({ 'chatgpt-account-id': 'acct-1' });
  });

  it('Gemini CLI: the generateContent call becomes a Code Assist envelope', () => {
    const call = subscriptionQuirks['gemini-cli']?.rewrite?.(
      { path: '/models/gemini-2.5-pro:streamGenerateContent?alt=sse', body: { contents: [] }, headers: {} },
      tokens,
    );
    expect(call?.path).toBe('/v1internal:streamGenerateContent?alt=sse');
    expect(call?.body).toEqual({ model: 'gemini-2.5-pro', project: 'proj-1', request: { contents: [] } });
  });
});

describe('parseCredentials', () => {
  it('reads the CLI files of Gemini and Qwen (expiry in ms, resource_url)', () => {
    const gemini = parseCredentials('gemini-cli', {
      access_token: 'a',
      refresh_token: 'r',
      expiry_date: 1_900_000_000_000,
    });
    expect(gemini.tokens).toMatchObject({ accessToken: 'a', refreshToken: 'r', expiresAt: 1_900_000_000_000 });
    const qwen = parseCredentials('qwen-code', {
      access_token: 'a',
      refresh_token: 'r',
      resource_url: 'portal.qwen.ai',
    });
    expect(qwen.tokens.apiBaseUrl).toBe('https://portal.qwen.ai/v1');
  });

  it("reads Copilot's apps.json GitHub token and a bare refresh token", () => {
    const copilot = parseCredentials('github-copilot', { 'github.com:Iv1.x': { user: 'octo', oauth_token: 'gho_1' } });
    expect(copilot).toMatchObject({ githubToken: 'gho_1', account: 'octo' });
    const bare = parseCredentials('codex', 'rt_123');
    expect(bare).toMatchObject({ needsRefresh: true, tokens: { refreshToken: 'rt_123' } });
  });

  it('refuses a document without tokens', () => {
    expect(() => parseCredentials('claude-code', { hello: 'world' })).toThrow(/access_token or refresh_token/);
  });
});
