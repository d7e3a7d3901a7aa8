import { GatewayError } from '../core/errors.js';
import { copilotTokenUrl, type OAuthProviderSpec, oauthProviderSpecs } from './oauth-providers.js';

/** A provider's sign-in settings after environment overrides. */
export interface OAuthEndpoints {
  spec: OAuthProviderSpec;
  clientId: string;
  clientSecret: string | undefined;
  authorizeUrl: string | undefined;
  tokenUrl: string;
  deviceCodeUrl: string | undefined;
  redirectUri: string | undefined;
  /** GitHub Copilot only. */
  copilotTokenUrl: string | undefined;
}

type Field = 'CLIENT_ID' | 'CLIENT_SECRET' | 'AUTHORIZE_URL' | 'TOKEN_URL' | 'DEVICE_CODE_URL' | 'REDIRECT_URI';

/** Every override variable with its default, for `POST /api/system/env/repair`. */
export function oauthEnvDefaults(): Array<{ name: string; value: string }> {
  const defaults: Array<{ name: string; value: string }> = [];
  for (const spec of oauthProviderSpecs) {
    const fields: Array<[Field, string | undefined]> = [
      ['CLIENT_ID', spec.clientId],
      ['CLIENT_SECRET', spec.clientSecret],
      ['AUTHORIZE_URL', spec.authorizeUrl],
      ['TOKEN_URL', spec.tokenUrl],
      ['DEVICE_CODE_URL', spec.deviceCodeUrl],
      ['REDIRECT_URI', spec.redirectUri === 'gateway' ? undefined : spec.redirectUri],
    ];
    for (const [field, value] of fields) {
      if (value !== undefined) defaults.push({ name: `${spec.envPrefix}_OAUTH_${field}`, value });
    }
  }
  defaults.push({ name: 'GITHUB_COPILOT_TOKEN_URL', value: copilotTokenUrl });
  return defaults;
}

/** Names the OAuth provider by catalog id or alias (the route's `:provider`). */
export function findOAuthSpec(idOrAlias: string, aliasOf: (id: string) => string | undefined): OAuthProviderSpec {
  const spec = oauthProviderSpecs.find(
    (entry) => entry.provider === idOrAlias || aliasOf(entry.provider) === idOrAlias,
  );
  if (spec === undefined) {
    const known = oauthProviderSpecs.map((entry) => entry.provider).join(', ');
    throw new GatewayError('provider_not_found', `'${idOrAlias}' has no OAuth sign-in. OAuth providers: ${known}.`, {
      param: 'provider',
    });
  }
  return spec;
}

/** Reads the environment on every call, so `env/repair` (or an operator's edit) applies without a restart. */
export function oauthEndpoints(spec: OAuthProviderSpec, env: NodeJS.ProcessEnv): OAuthEndpoints {
  const read = (field: Field, fallback: string | undefined) => {
    const value = env[`${spec.envPrefix}_OAUTH_${field}`]?.trim();
    return value === undefined || value === '' ? fallback : value;
  };
  return {
    spec,
    clientId: read('CLIENT_ID', spec.clientId) as string,
    clientSecret: read('CLIENT_SECRET', spec.clientSecret),
    authorizeUrl: read('AUTHORIZE_URL', spec.authorizeUrl),
    tokenUrl: read('TOKEN_URL', spec.tokenUrl) as string,
    deviceCodeUrl: read('DEVICE_CODE_URL', spec.deviceCodeUrl),
    redirectUri: read('REDIRECT_URI', spec.redirectUri),
    copilotTokenUrl:
      spec.provider === 'github-copilot' ? env.GITHUB_COPILOT_TOKEN_URL?.trim() || copilotTokenUrl : undefined,
  };
}

/** Restores every missing or blank override to its default; returns what it set. */
export function repairOAuthEnv(env: NodeJS.ProcessEnv): Array<{ name: string; value: string }> {
  const repaired: Array<{ name: string; value: string }> = [];
  for (const entry of oauthEnvDefaults()) {
    if ((env[entry.name] ?? '').trim() !== '') continue;
    env[entry.name] = entry.value;
    repaired.push(entry);
  }
  return repaired;
}
