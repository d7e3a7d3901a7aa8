import type { OAuthTokenSet } from '../storage/repositories/oauth-tokens-repository.js';

/** A token set plus who the account is (email, else an id), when the answer says. */
export interface MappedTokens {
  tokens: OAuthTokenSet;
  account: string | undefined;
}

/**
 * Maps a token endpoint's answer (authorization code, device code or refresh grant) onto the stored token set.
 * A refresh answer may omit the refresh token (then the old one stays valid) or rotate it (then only the new one
 * works: it must replace the old one in the same critical section, see token-manager).
 */
export function mapTokenAnswer(input: {
  provider: string;
  answer: Record<string, unknown>;
  previous?: OAuthTokenSet;
  now?: number;
}): MappedTokens {
  const { provider, answer, previous, now = Date.now() } = input;
  const accessToken = text(answer.access_token);
  if (accessToken === undefined) throw new Error('the token answer has no access_token');
  const expiresIn = number(answer.expires_in);
  const idToken = text(answer.id_token) ?? previous?.idToken;
  const claims = idToken === undefined ? {} : jwtClaims(idToken);
  const tokens: OAuthTokenSet = {
    ...previous,
    accessToken,
    refreshToken: text(answer.refresh_token) ?? previous?.refreshToken,
    idToken,
    expiresAt: expiresIn === undefined ? undefined : now + expiresIn * 1000,
  };
  let account = text(claims.email);
  switch (provider) {
    case 'claude-code': {
      const owner = record(answer.account);
      account = text(owner.email_address) ?? text(owner.uuid) ?? account;
      break;
    }
    case 'codex': {
      const auth = record(claims['https://api.openai.com/auth']);
      tokens.accountId = text(auth.chatgpt_account_id) ?? previous?.accountId;
      account ??= tokens.accountId;
      break;
    }
    case 'qwen-code': {
      const resource = text(answer.resource_url);
      if (resource !== undefined) tokens.apiBaseUrl = qwenBaseUrl(resource);
      break;
    }
    default:
      break;
  }
  return { tokens: dropUndefined(tokens), account };
}

/** Qwen answers a bare host (`portal.qwen.ai`); the OpenAI-compatible API is under `/v1` there. */
export function qwenBaseUrl(resource: string): string {
  const withScheme = /^https?:\/\//.test(resource) ? resource : `https://${resource}`;
  const trimmed = withScheme.replace(/\/+$/, '');
  return trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`;
}

/** The payload of a JWT, unverified: only read for display and routing hints, never trusted for access. */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  try {
    return record(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return {};
  }
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function number(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function dropUndefined(tokens: OAuthTokenSet): OAuthTokenSet {
  return Object.fromEntries(Object.entries(tokens).filter(([, value]) => value !== undefined)) as OAuthTokenSet;
}
