import { GatewayError } from '../core/errors.js';
import { type UpstreamSession, type UpstreamTarget, upstreamStatusError } from '../gateway/upstream-call.js';
import type { ProviderDefinition } from '../providers/catalog/types.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { OAuthTokenSet } from '../storage/repositories/oauth-tokens-repository.js';
import { upstreamHeaders } from '../upstream/auth-headers.js';
import { failureRetryAfterSeconds } from '../upstream/retry-after.js';
import type { UpstreamClient, UpstreamResponse } from '../upstream/upstream-client.js';
import type { QuotaRecorder } from './quota-recorder.js';
import { quotaResetSeconds } from './quota-reset.js';
import { collectResponsesStream, jsonBody, mapSseBody } from './rewrap-body.js';
import { type SubscriptionQuirks, subscriptionQuirks } from './subscription-quirks.js';
import type { OAuthTokenManager } from './token-manager.js';

export interface SubscriptionSessions {
  /** The session for calls through this account; undefined for providers without subscription quirks. */
  sessionFor(provider: ProviderDefinition, connection: ConnectionRecord): UpstreamSession | undefined;
}

export function createSubscriptionSessions(deps: {
  tokens: OAuthTokenManager;
  quotas: QuotaRecorder;
}): SubscriptionSessions {
  return {
    sessionFor(provider, connection) {
      const quirks = subscriptionQuirks[provider.id];
      if (quirks === undefined && connection.authType !== 'oauth') return undefined;
      return {
        call: (client, target, request, signal) =>
          callSubscription({ ...deps, quirks: quirks ?? { headers: {} }, client, target, request, signal }),
      };
    },
  };
}

/**
 * One call through a subscription account: fresh token (refreshed ahead of expiry), the provider's headers and
 * rewrites, ONE refresh-and-retry on a 401, quota windows recorded, "exhausted until T" errors turned into a
 * retry-after, and Codex streams collected / Code Assist envelopes removed so callers see the plain API.
 */
async function callSubscription(input: {
  tokens: OAuthTokenManager;
  quotas: QuotaRecorder;
  quirks: SubscriptionQuirks;
  client: UpstreamClient;
  target: UpstreamTarget;
  request: { path: string; body: string; headers?: Record<string, string> };
  signal: AbortSignal;
}): Promise<UpstreamResponse> {
  const { quirks, client, target, request, signal } = input;
  const { provider, connection, adapter } = target;
  const oauth = connection.authType === 'oauth';
  let tokens: OAuthTokenSet = oauth ? await input.tokens.current(connection) : { accessToken: connection.apiKey ?? '' };
  const draft = JSON.parse(request.body) as Record<string, unknown>;
  const clientStreams = draft.stream === true || request.path.includes('streamGenerateContent');
  for (let attempt = 0; ; attempt += 1) {
    const base = { path: request.path, body: draft, headers: { ...quirks.headers, ...request.headers } };
    const call = quirks.rewrite === undefined ? base : quirks.rewrite(base, tokens);
    const baseUrl = (connection.baseUrl ?? tokens.apiBaseUrl ?? provider.baseUrl).replace(/\/+$/, '');
    const response = await client.send({
      url: `${baseUrl}${call.path}`,
      headers: {
        ...upstreamHeaders(provider, tokens.accessToken),
        ...call.headers,
        ...quirks.accountHeaders?.(tokens),
      },
      body: JSON.stringify(call.body),
      signal,
      proxyUrl: connection.proxyUrl,
    });
    input.quotas.observe(connection.id, response.headers);
    if (response.status === 401 && attempt === 0 && oauth) {
      // The token was revoked or expired early: refresh once (unless a concurrent request already did) and retry.
      await response.body.dump().catch(() => undefined);
      tokens = await input.tokens.refreshAfterRejection(connection, tokens.accessToken);
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      const text = await response.body.text().catch(() => '');
      const retryAfter =
        quotaResetSeconds({ status: response.status, headers: response.headers, text }) ??
        failureRetryAfterSeconds(response.status, response.headers);
      throw upstreamStatusError({ provider, adapter, status: response.status, text, retryAfter });
    }
    return unwrap(response, quirks, clientStreams, provider);
  }
}

async function unwrap(
  response: UpstreamResponse,
  quirks: SubscriptionQuirks,
  clientStreams: boolean,
  provider: ProviderDefinition,
): Promise<UpstreamResponse> {
  if (quirks.streamOnly && !clientStreams) {
    const collected = await collectResponsesStream(response.body);
    await response.body.dump().catch(() => undefined);
    if (collected.json === undefined) {
      throw new GatewayError('upstream_stream_cut', `${provider.name} (${provider.id}): ${collected.error}.`);
    }
    return { ...response, body: jsonBody(collected.json) };
  }
  if (!quirks.responseEnvelope) return response;
  if (clientStreams) return { ...response, body: mapSseBody(response.body, unwrapEnvelope) };
  return { ...response, body: jsonBody(unwrapEnvelope(await response.body.text())) };
}

/** Code Assist answers `{response: {...generateContent answer...}}`; anything else passes unchanged. */
function unwrapEnvelope(text: string): string {
  try {
    const value = JSON.parse(text) as { response?: unknown };
    return value.response === undefined ? text : JSON.stringify(value.response);
  } catch {
    return text;
  }
}
