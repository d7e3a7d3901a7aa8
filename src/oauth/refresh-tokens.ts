import type { OAuthTokenSet } from '../storage/repositories/oauth-tokens-repository.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { type MappedTokens, mapTokenAnswer, number, record, text } from './map-token-answer.js';
import type { OAuthEndpoints } from './oauth-config.js';
import { getOAuthJson, postOAuth } from './oauth-http.js';

/**
 * Gets a new access token. Copilot has two levels, each on its own schedule: the GitHub token is refreshed only
 * when it is itself about to expire (GitHub App tokens do; classic OAuth tokens never), the Copilot token (about
 * 30 minutes) every time it is.
 */
export async function refreshTokens(input: {
  client: UpstreamClient;
  endpoints: OAuthEndpoints;
  tokens: OAuthTokenSet;
  marginMs: number;
  now?: number;
}): Promise<MappedTokens> {
  const { client, endpoints, tokens, marginMs, now = Date.now() } = input;
  if (endpoints.spec.provider === 'github-copilot') {
    let github = tokens.github;
    if (github === undefined) throw new Error('the account has no GitHub token: sign in again');
    if (github.expiresAt !== undefined && github.expiresAt - now < marginMs) {
      if (github.refreshToken === undefined) throw new Error('the GitHub token expired and has no refresh token');
      const answer = await postOAuth(client, {
        url: endpoints.tokenUrl,
        params: {
          grant_type: 'refresh_token',
          refresh_token: github.refreshToken,
          client_id: endpoints.clientId,
          client_secret: endpoints.clientSecret,
        },
        encoding: endpoints.spec.tokenEncoding,
      });
      github = githubLevel(answer, github, now);
    }
    return { tokens: await exchangeCopilotToken(client, endpoints, github, tokens), account: undefined };
  }
  if (tokens.refreshToken === undefined) throw new Error('the account has no refresh token: sign in again');
  const answer = await postOAuth(client, {
    url: endpoints.tokenUrl,
    params: {
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
      client_id: endpoints.clientId,
      client_secret: endpoints.clientSecret,
    },
    encoding: endpoints.spec.tokenEncoding,
  });
  return mapTokenAnswer({ provider: endpoints.spec.provider, answer, previous: tokens, now });
}

/** The GitHub level of a Copilot account from a GitHub token answer. */
export function githubLevel(
  answer: Record<string, unknown>,
  previous: OAuthTokenSet['github'] | undefined,
  now: number,
): NonNullable<OAuthTokenSet['github']> {
  const token = text(answer.access_token);
  if (token === undefined) throw new Error('the GitHub answer has no access_token');
  const expiresIn = number(answer.expires_in);
  return {
    token,
    refreshToken: text(answer.refresh_token) ?? previous?.refreshToken,
    expiresAt: expiresIn === undefined ? undefined : now + expiresIn * 1000,
  };
}

/** Trades the GitHub token for the short-lived Copilot API token (`copilot_internal/v2/token`). */
export async function exchangeCopilotToken(
  client: UpstreamClient,
  endpoints: OAuthEndpoints,
  github: NonNullable<OAuthTokenSet['github']>,
  previous?: OAuthTokenSet,
): Promise<OAuthTokenSet> {
  const answer = await getOAuthJson(client, endpoints.copilotTokenUrl as string, {
    authorization: `token ${github.token}`,
    'user-agent': 'GitHubCopilotChat/0.26.7',
    'editor-version': 'vscode/1.99.3',
  });
  const token = text(answer.token);
  if (token === undefined) throw new Error('the Copilot token answer has no token');
  const expiresAt = number(answer.expires_at);
  const api = text(record(answer.endpoints).api);
  return {
    ...previous,
    accessToken: token,
    expiresAt: expiresAt === undefined ? undefined : expiresAt * 1000,
    github,
    ...(api === undefined ? {} : { apiBaseUrl: api.replace(/\/+$/, '') }),
  };
}
