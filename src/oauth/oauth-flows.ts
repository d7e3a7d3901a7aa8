import { GatewayError } from '../core/errors.js';
import type { ProviderDefinition } from '../providers/catalog/types.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { Repositories } from '../storage/repositories.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { discoverCodeAssistProject } from './code-assist-project.js';
import { type MappedTokens, mapTokenAnswer, number, text } from './map-token-answer.js';
import { findOAuthSpec, type OAuthEndpoints, oauthEndpoints } from './oauth-config.js';
import { OAuthServerError, oauthFailure, postOAuth } from './oauth-http.js';
import type { OAuthProviderSpec } from './oauth-providers.js';
import { type FlowOptions, PendingFlows } from './pending-flows.js';
import { createPkcePair, randomToken } from './pkce.js';
import { parseCredentials, readCredentialsFile } from './read-credentials.js';
import { exchangeCopilotToken, githubLevel } from './refresh-tokens.js';
import { saveAccount } from './save-account.js';
import type { SubscriptionSessions } from './subscription-session.js';
import { testSubscription } from './test-subscription.js';
import type { OAuthTokenManager } from './token-manager.js';

const flowLifetimeMs = 10 * 60_000;
const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';

export interface OAuthFlowDependencies {
  client: UpstreamClient;
  env: NodeJS.ProcessEnv;
  repositories: Repositories;
  state: RuntimeState;
  tokens: OAuthTokenManager;
  sessions: SubscriptionSessions;
  pending?: PendingFlows;
}

export type DevicePoll =
  | { status: 'pending'; interval: number }
  | { status: 'connected'; connection: ConnectionRecord; created: boolean };

/**
 * The sign-in flows: authorization code with PKCE (authorize, then exchange the pasted callback URL or the local
 * callback), device code (start, poll), and token import. Each one ends in a stored, tested connection.
 */
export class OAuthFlows {
  private readonly pending: PendingFlows;

  constructor(private readonly deps: OAuthFlowDependencies) {
    this.pending = deps.pending ?? new PendingFlows();
  }

  authorize(spec: OAuthProviderSpec, input: { gatewayOrigin: string; options: FlowOptions }) {
    const endpoints = this.endpoints(spec, 'pkce');
    const { verifier, challenge } = createPkcePair();
    const state = randomToken();
    const redirectUri =
      endpoints.redirectUri === undefined || endpoints.redirectUri === 'gateway'
        ? `${input.gatewayOrigin}/api/oauth/callback`
        : endpoints.redirectUri;
    const expiresAt = Date.now() + flowLifetimeMs;
    this.pending.add(state, { provider: spec.provider, verifier, redirectUri, options: input.options, expiresAt });
    const url = new URL(endpoints.authorizeUrl as string);
    const params = {
      ...spec.authorizeParams,
      response_type: 'code',
      client_id: endpoints.clientId,
      redirect_uri: redirectUri,
      scope: spec.scope,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return { authorizeUrl: url.toString(), state, redirectUri, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Finishes a PKCE sign-in from a `code` and its `state` (Claude shows `code#state` to paste). */
  async exchange(input: { code: string; state: string; spec?: OAuthProviderSpec }) {
    const [code = '', stateFromCode] = input.code.split('#');
    const state = input.state || stateFromCode || '';
    const flow = this.pending.get(state);
    if (flow === undefined || (input.spec !== undefined && flow.provider !== input.spec.provider)) {
      throw new GatewayError('invalid_request', 'Unknown or expired sign-in state: start again with authorize.', {
        param: 'state',
      });
    }
    // One use only: a replayed callback must not create a second connection.
    this.pending.delete(state);
    const endpoints = this.endpoints(this.specOf(flow.provider), 'pkce');
    const mapped = await this.tokenCall(endpoints, 'Exchanging the code', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: flow.redirectUri,
      client_id: endpoints.clientId,
      client_secret: endpoints.clientSecret,
      code_verifier: flow.verifier,
      // Anthropic's token endpoint wants the state echoed back.
      ...(flow.provider === 'claude-code' ? { state } : {}),
    });
    return this.finish(endpoints, mapped, flow.options);
  }

  async startDevice(spec: OAuthProviderSpec, options: FlowOptions) {
    const endpoints = this.endpoints(spec, 'device');
    const pkce = spec.devicePkce ? createPkcePair() : undefined;
    let answer: Record<string, unknown>;
    try {
      answer = await postOAuth(this.deps.client, {
        url: endpoints.deviceCodeUrl as string,
        params: {
          client_id: endpoints.clientId,
          scope: spec.scope,
          code_challenge: pkce?.challenge,
          code_challenge_method: pkce === undefined ? undefined : 'S256',
        },
        encoding: 'form',
      });
    } catch (error) {
      throw oauthFailure(error, 'Starting the device sign-in');
    }
    const deviceCode = text(answer.device_code);
    if (deviceCode === undefined)
      throw new GatewayError('upstream_error', 'The device sign-in answer has no device_code.');
    const expiresIn = number(answer.expires_in) ?? 900;
    const flowId = randomToken();
    this.pending.add(flowId, {
      provider: spec.provider,
      deviceCode,
      verifier: pkce?.verifier,
      options,
      expiresAt: Date.now() + Math.min(expiresIn * 1000, 30 * 60_000),
    });
    return {
      flowId,
      userCode: text(answer.user_code),
      verificationUri: text(answer.verification_uri) ?? text(answer.verification_url),
      verificationUriComplete: text(answer.verification_uri_complete),
      interval: number(answer.interval) ?? 5,
      expiresIn,
    };
  }

  async poll(spec: OAuthProviderSpec, flowId: string): Promise<DevicePoll> {
    const flow = this.pending.get(flowId);
    if (flow === undefined || flow.provider !== spec.provider || flow.deviceCode === undefined) {
      throw new GatewayError('invalid_request', 'Unknown or expired device sign-in: start again.', { param: 'flowId' });
    }
    const endpoints = this.endpoints(spec, 'device');
    let answer: Record<string, unknown>;
    try {
      answer = await postOAuth(this.deps.client, {
        url: endpoints.tokenUrl,
        params: {
          grant_type: deviceGrant,
          device_code: flow.deviceCode,
          client_id: endpoints.clientId,
          code_verifier: flow.verifier,
        },
        encoding: 'form',
      });
    } catch (error) {
      if (
        error instanceof OAuthServerError &&
        (error.error === 'authorization_pending' || error.error === 'slow_down')
      ) {
        return { status: 'pending', interval: error.error === 'slow_down' ? 10 : 5 };
      }
      this.pending.delete(flowId);
      throw oauthFailure(error, 'The device sign-in');
    }
    this.pending.delete(flowId);
    const mapped =
      spec.provider === 'github-copilot'
        ? await this.copilotTokens(endpoints, githubLevel(answer, undefined, Date.now()))
        : this.mapped(spec, answer);
    return { status: 'connected', ...(await this.finish(endpoints, mapped, flow.options)) };
  }

  async import(spec: OAuthProviderSpec, input: { document?: unknown; path?: string; options: FlowOptions }) {
    const endpoints = oauthEndpoints(spec, this.deps.env);
    const document = input.path === undefined ? input.document : await readCredentialsFile(input.path);
    const imported = parseCredentials(spec.provider, document);
    let mapped: MappedTokens;
    if (imported.githubToken !== undefined) {
      mapped = await this.copilotTokens(endpoints, { token: imported.githubToken });
      mapped.account ??= imported.account;
    } else {
      // Only a refresh token: expired on purpose, so the first use (the test below) refreshes it.
      const tokens = imported.needsRefresh ? { ...imported.tokens, expiresAt: 0 } : imported.tokens;
      mapped = { tokens, account: imported.account };
    }
    return this.finish(endpoints, mapped, input.options);
  }

  private async finish(endpoints: OAuthEndpoints, mapped: MappedTokens, options: FlowOptions) {
    const provider = this.provider(endpoints.spec);
    if (provider.id === 'gemini-cli' && options.projectId === undefined && mapped.tokens.projectId === undefined) {
      const projectId = await discoverCodeAssistProject(this.deps.client, {
        baseUrl: options.baseUrl ?? provider.baseUrl,
        accessToken: mapped.tokens.accessToken,
      });
      if (projectId !== undefined) mapped.tokens.projectId = projectId;
    }
    const saved = await saveAccount({ ...this.deps, provider, mapped, options });
    this.deps.tokens.remember(
      saved.connection.id,
      (await this.deps.repositories.oauthTokens.read(saved.connection.id)) ?? mapped.tokens,
    );
    if (options.test !== false) {
      const test = await testSubscription({ ...this.deps, provider, connection: saved.connection });
      await this.deps.repositories.connections.recordTest(saved.connection.id, test);
    }
    const connection = (await this.deps.repositories.connections.get(saved.connection.id)) ?? saved.connection;
    return { connection, created: saved.created };
  }

  private async copilotTokens(
    endpoints: OAuthEndpoints,
    github: { token: string; refreshToken?: string; expiresAt?: number },
  ): Promise<MappedTokens> {
    try {
      return { tokens: await exchangeCopilotToken(this.deps.client, endpoints, github), account: undefined };
    } catch (error) {
      throw oauthFailure(error, 'Getting the Copilot token');
    }
  }

  private async tokenCall(endpoints: OAuthEndpoints, action: string, params: Record<string, string | undefined>) {
    try {
      const answer = await postOAuth(this.deps.client, {
        url: endpoints.tokenUrl,
        params,
        encoding: endpoints.spec.tokenEncoding,
      });
      return this.mapped(endpoints.spec, answer);
    } catch (error) {
      throw oauthFailure(error, action);
    }
  }

  private mapped(spec: OAuthProviderSpec, answer: Record<string, unknown>): MappedTokens {
    try {
      return mapTokenAnswer({ provider: spec.provider, answer });
    } catch (error) {
      throw oauthFailure(error, 'Reading the token answer');
    }
  }

  private endpoints(spec: OAuthProviderSpec, flow: OAuthProviderSpec['flow']): OAuthEndpoints {
    if (spec.flow !== flow) {
      const other = spec.flow === 'pkce' ? 'authorize / exchange' : 'device-code / poll';
      throw new GatewayError('invalid_request', `${spec.provider} signs in with ${other}, or import.`, {
        param: 'action',
      });
    }
    return oauthEndpoints(spec, this.deps.env);
  }

  private specOf(provider: string): OAuthProviderSpec {
    return findOAuthSpec(provider, () => undefined);
  }

  private provider(spec: OAuthProviderSpec): ProviderDefinition {
    const provider = this.deps.state.snapshot.providersByName.get(spec.provider);
    if (provider === undefined) throw new GatewayError('provider_not_found', `Unknown provider '${spec.provider}'.`);
    return provider;
  }
}
