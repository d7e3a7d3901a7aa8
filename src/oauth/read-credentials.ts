import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { GatewayError } from '../core/errors.js';
import type { OAuthTokenSet } from '../storage/repositories/oauth-tokens-repository.js';
import { mapTokenAnswer, number, record, text } from './map-token-answer.js';

/** What an import found: a token set (maybe without a usable access token yet) and the account, when known. */
export interface ImportedCredentials {
  tokens: OAuthTokenSet;
  account: string | undefined;
  /** Copilot: the GitHub token still to be traded for a Copilot token. */
  githubToken?: string;
  /** Only a refresh token came: refresh before use. */
  needsRefresh: boolean;
}

const maxFileBytes = 1_000_000;

/** Reads a CLI's credentials file (`~/` is this machine's home); the answer never echoes its content. */
export async function readCredentialsFile(path: string): Promise<unknown> {
  const full = path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
  if (!isAbsolute(full))
    throw new GatewayError('invalid_request', 'The path must be absolute or start with ~/.', { param: 'path' });
  try {
    const info = await stat(full);
    if (!info.isFile() || info.size > maxFileBytes) throw new Error('not a credentials file');
    return JSON.parse(await readFile(full, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'it is not JSON' : 'it cannot be read';
    throw new GatewayError('invalid_request', `Cannot import ${path}: ${reason}.`, { param: 'path' });
  }
}

/**
 * Understands the token documents people paste or the CLIs store: Claude Code's `{claudeAiOauth: {...}}`, Codex's
 * `{tokens: {...}}`, Gemini CLI's and Qwen Code's `{access_token, refresh_token, expiry_date}`, GitHub Copilot's
 * `apps.json` (`oauth_token`), camelCase or snake_case, expiry in ms, s or `expires_in`.
 */
export function parseCredentials(provider: string, document: unknown): ImportedCredentials {
  let source = record(typeof document === 'string' ? safeJson(document) : document);
  if (typeof document === 'string' && Object.keys(source).length === 0) source = { refresh_token: document.trim() };
  source = unwrapKnownShapes(source);
  if (provider === 'github-copilot') {
    const githubToken = text(source.oauth_token) ?? text(source.githubToken) ?? text(source.access_token);
    if (githubToken === undefined) throw missing('a GitHub token (oauth_token)');
    return { tokens: { accessToken: 'pending' }, account: text(source.user), githubToken, needsRefresh: true };
  }
  const accessToken = text(source.accessToken) ?? text(source.access_token);
  const refreshToken = text(source.refreshToken) ?? text(source.refresh_token);
  if (accessToken === undefined && refreshToken === undefined) throw missing('an access_token or refresh_token');
  const answer: Record<string, unknown> = {
    ...source,
    access_token: accessToken ?? 'pending',
    refresh_token: refreshToken,
    id_token: text(source.idToken) ?? text(source.id_token),
  };
  const mapped = mapTokenAnswer({ provider, answer });
  const expiresAt = expiryMs(source) ?? mapped.tokens.expiresAt;
  const accountId = text(source.account_id) ?? text(source.accountId);
  return {
    tokens: {
      ...mapped.tokens,
      ...(expiresAt === undefined ? {} : { expiresAt }),
      ...(accountId === undefined ? {} : { accountId }),
    },
    account: mapped.account ?? text(source.email),
    needsRefresh: accessToken === undefined,
  };
}

function unwrapKnownShapes(source: Record<string, unknown>): Record<string, unknown> {
  if (source.claudeAiOauth !== undefined) return record(source.claudeAiOauth);
  if (typeof source.tokens === 'object' && source.tokens !== null) return { ...source, ...record(source.tokens) };
  // Copilot's apps.json: `{"github.com:<client id>": {user, oauth_token}}`.
  const app = Object.entries(source).find(([key, value]) => key.startsWith('github.com') && typeof value === 'object');
  return app === undefined ? source : record(app[1]);
}

/** `expiresAt` / `expiry_date` (ms, or s when small) as unix ms. */
function expiryMs(source: Record<string, unknown>): number | undefined {
  const value = number(source.expiresAt) ?? number(source.expiry_date) ?? number(source.expires_at);
  if (value === undefined) {
    const iso = text(source.expired) ?? text(source.expiry);
    const parsed = iso === undefined ? Number.NaN : Date.parse(iso);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return value < 1e12 ? value * 1000 : value;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function missing(what: string): GatewayError {
  return new GatewayError('invalid_request', `The credentials hold no ${what}.`, { param: 'tokens' });
}
