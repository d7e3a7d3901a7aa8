/**
 * How each subscription provider signs in, as data. Every endpoint and client id has an environment override
 * (`<PREFIX>_OAUTH_CLIENT_ID`, `_CLIENT_SECRET`, `_AUTHORIZE_URL`, `_TOKEN_URL`, `_DEVICE_CODE_URL`,
 * `_REDIRECT_URI`), so a self-hosted mirror or a test's mock OAuth server can stand in. The client ids are the
 * public ones the official CLIs ship with (installed-app clients, RFC 8252 §8.5: not secrets).
 */
export type OAuthFlow = 'pkce' | 'device';

export interface OAuthProviderSpec {
  /** The catalog provider id the connection belongs to. */
  provider: string;
  flow: OAuthFlow;
  /** Environment variable prefix of the overrides. */
  envPrefix: string;
  clientId: string;
  clientSecret?: string;
  authorizeUrl?: string;
  tokenUrl: string;
  deviceCodeUrl?: string;
  /** The redirect URI registered for the client; `gateway` means this gateway's own `/api/oauth/callback`. */
  redirectUri?: string;
  scope: string;
  /** Extra authorize-URL parameters the official client sends. */
  authorizeParams?: Record<string, string>;
  /** How the token endpoint wants its body. */
  tokenEncoding: 'json' | 'form';
  /** The device-code request carries a PKCE challenge (Qwen). */
  devicePkce?: boolean;
  /** Where the official CLI keeps its tokens, for `import {"path": ...}`. */
  credentialsFile: string;
}

export const oauthProviderSpecs: readonly OAuthProviderSpec[] = [
  {
    provider: 'claude-code',
    flow: 'pkce',
    envPrefix: 'CLAUDE',
    clientId: '9d1c250a-e61b-44d9-88ed-5944d1962f5e',
    authorizeUrl: 'https://claude.ai/oauth/authorize',
    tokenUrl: 'https://console.anthropic.com/v1/oauth/token',
    // Anthropic's page shows `code#state` for the user to paste back: there is no loopback redirect.
    redirectUri: 'https://console.anthropic.com/oauth/code/callback',
    scope: 'org:create_api_key user:profile user:inference',
    authorizeParams: { code: 'true' },
    tokenEncoding: 'json',
    credentialsFile: '~/.claude/.credentials.json',
  },
  {
    provider: 'codex',
    flow: 'pkce',
    envPrefix: 'CODEX',
    clientId: 'app_EMoamEEZ73f0CkXaXp7hrann',
    authorizeUrl: 'https://auth.openai.com/oauth/authorize',
    tokenUrl: 'https://auth.openai.com/oauth/token',
    // The only redirect registered for this client: the Codex CLI's own listener on port 1455.
    redirectUri: 'http://localhost:1455/auth/callback',
    scope: 'openid profile email offline_access',
    authorizeParams: { id_token_add_organizations: 'true', codex_cli_simplified_flow: 'true' },
    tokenEncoding: 'form',
    credentialsFile: '~/.codex/auth.json',
  },
  {
    provider: 'github-copilot',
    flow: 'device',
    envPrefix: 'GITHUB',
    clientId: 'Iv1.b507a08c87ecfe98',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    deviceCodeUrl: 'https://github.com/login/device/code',
    scope: 'read:user',
    tokenEncoding: 'form',
    credentialsFile: '~/.config/github-copilot/apps.json',
  },
  {
    provider: 'gemini-cli',
    flow: 'pkce',
    envPrefix: 'GEMINI_CLI',
    clientId: '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com',
    // Published in google-gemini/gemini-cli; Google treats installed-app secrets as public.
    clientSecret: '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',
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    redirectUri: 'gateway',
    scope:
      'https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile',
    authorizeParams: { access_type: 'offline', prompt: 'consent' },
    tokenEncoding: 'form',
    credentialsFile: '~/.gemini/oauth_creds.json',
  },
  {
    provider: 'qwen-code',
    flow: 'device',
    envPrefix: 'QWEN',
    clientId: 'f0304373b74a44d2b584a3fb70ca9e56',
    tokenUrl: 'https://chat.qwen.ai/api/v1/oauth2/token',
    deviceCodeUrl: 'https://chat.qwen.ai/api/v1/oauth2/device/code',
    scope: 'openid profile email model.completion',
    tokenEncoding: 'form',
    devicePkce: true,
    credentialsFile: '~/.qwen/oauth_creds.json',
  },
];

/** The URL Copilot trades a GitHub token for its short-lived API token at (override: `GITHUB_COPILOT_TOKEN_URL`). */
export const copilotTokenUrl = 'https://api.github.com/copilot_internal/v2/token';
