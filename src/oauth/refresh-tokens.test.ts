import { describe, expect, it } from 'vitest';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { oauthEndpoints } from './oauth-config.js';
import { oauthProviderSpecs } from './oauth-providers.js';
import { refreshTokens } from './refresh-tokens.js';

const now = Date.parse('2026-01-01T00:00:00Z');
const copilot = oauthEndpoints(oauthProviderSpecs.find((spec) => spec.provider === 'github-copilot')!, {});

/** A client that answers every GET with a Copilot token and every POST with a GitHub token, counting both. */
function fakeClient() {
  const calls = { get: 0, post: 0 };
  const answer = (body: unknown) => ({
    status: 200,
    headers: {},
    body: Object.assign((async function* () {})(), { text: async () => JSON.stringify(body), dump: async () => {} }),
  });
  const client = {
    get: async () => {
      calls.get += 1;
      return answer({ token: `cop_${calls.get}`, expires_at: now / 1000 + 1800 });
    },
    send: async () => {
      calls.post += 1;
      return answer({ access_token: `ghu_${calls.post}`, refresh_token: `ghr_${calls.post}`, expires_in: 28_800 });
    },
  } as unknown as UpstreamClient;
  return { client, calls };
}

describe('refreshTokens for Copilot (two levels)', () => {
  it('refreshes only the Copilot token while the GitHub token is still good', async () => {
    const { client, calls } = fakeClient();
    const tokens = { accessToken: 'cop_old', expiresAt: now, github: { token: 'gho_1', expiresAt: now + 3_600_000 } };
    const result = await refreshTokens({ client, endpoints: copilot, tokens, marginMs: 300_000, now });
    expect(calls).toEqual({ get: 1, post: 0 });
    expect(result.tokens).toMatchObject({ accessToken: 'cop_1', github: { token: 'gho_1' } });
  });

  it('refreshes the GitHub token first when it is expiring too', async () => {
    const { client, calls } = fakeClient();
    const tokens = {
      accessToken: 'cop_old',
      expiresAt: now,
      github: { token: 'ghu_old', refreshToken: 'ghr_old', expiresAt: now + 60_000 },
    };
    const result = await refreshTokens({ client, endpoints: copilot, tokens, marginMs: 300_000, now });
    expect(calls).toEqual({ get: 1, post: 1 });
    expect(result.tokens.github).toMatchObject({ token: 'ghu_1', refreshToken: 'ghr_1' });
  });
});
