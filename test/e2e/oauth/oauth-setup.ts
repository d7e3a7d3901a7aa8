import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockOAuth, startMockOAuth } from '../../mock-oauth/index.mjs';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';

/** A gateway whose OAuth endpoints all point at one mock OAuth server; chat upstreams at the mock upstream. */
export interface OAuthRig {
  oauth: MockOAuth;
  upstream: MockUpstream;
  harness: GatewayHarness;
  env: Record<string, string>;
  /** `POST /v1/chat/completions` as a plain client. */
  chat(model: string, content?: string, stream?: boolean): Promise<{ status: number; body: any; text: string }>;
  /** `POST /api/oauth/:provider/import` with a token document. */
  importTokens(provider: string, tokens: unknown, extra?: Record<string, unknown>): Promise<any>;
  stop(): Promise<void>;
}

export async function startOAuthRig(): Promise<OAuthRig> {
  const upstream = await startMockUpstream();
  const oauth = await startMockOAuth({ copilotApiUrl: `${upstream.url}/v1`, resourceUrl: upstream.url });
  const env: Record<string, string> = {
    ...oauth.env('CLAUDE'),
    ...oauth.env('CODEX'),
    ...oauth.env('GITHUB'),
    ...oauth.env('GEMINI_CLI'),
    ...oauth.env('QWEN'),
    GITHUB_COPILOT_TOKEN_URL: `${oauth.url}/copilot_internal/v2/token`,
  };
  const harness = await startHarness({ env });
  const rig: OAuthRig = {
    oauth,
    upstream,
    harness,
    env,
    async chat(model, content = 'hello', stream = false) {
      const response = await fetch(`${harness.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, stream, messages: [{ role: 'user', content }] }),
      });
      const text = await response.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.status, body, text };
    },
    async importTokens(provider, tokens, extra = {}) {
      const { status, body } = await harness.manage('POST', `/api/oauth/${provider}/import`, { tokens, ...extra });
      if (status !== 201 && status !== 200) throw new Error(`import failed: ${status} ${JSON.stringify(body)}`);
      return body;
    },
    async stop() {
      await harness.stop();
      await oauth.close();
      await upstream.close();
    },
  };
  return rig;
}

/** Codex accounts talk to the mock OAuth server's stream-only Responses endpoint. */
export const codexBase = (rig: OAuthRig) => `${rig.oauth.url}/backend-api/codex`;
