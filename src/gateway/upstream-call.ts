import type { UpstreamAdapter } from '../core/codec.js';
import { GatewayError, kindForStatus } from '../core/errors.js';
import type { ProviderDefinition } from '../providers/catalog/types.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import { upstreamHeaders } from '../upstream/auth-headers.js';
import { failureRetryAfterSeconds } from '../upstream/retry-after.js';
import type { UpstreamClient, UpstreamResponse } from '../upstream/upstream-client.js';

export interface UpstreamTarget {
  provider: ProviderDefinition;
  connection: ConnectionRecord;
  adapter: UpstreamAdapter;
  /** Subscription (OAuth) accounts: token refresh, provider headers and wire quirks (see src/oauth). */
  session?: UpstreamSession;
}

/** Makes the whole call for an account that needs more than a static key; answers like `callUpstream`. */
export interface UpstreamSession {
  call(
    client: UpstreamClient,
    target: UpstreamTarget,
    request: { path: string; body: string; headers?: Record<string, string> },
    signal: AbortSignal,
  ): Promise<UpstreamResponse>;
}

/** Sends one request to one provider account. An HTTP error status becomes a GatewayError carrying that status. */
export async function callUpstream(
  client: UpstreamClient,
  target: UpstreamTarget,
  request: { path: string; body: string; headers?: Record<string, string> },
  signal: AbortSignal,
): Promise<UpstreamResponse> {
  if (target.session !== undefined) return target.session.call(client, target, request, signal);
  const { provider, connection, adapter } = target;
  const baseUrl = (connection.baseUrl ?? provider.baseUrl).replace(/\/+$/, '');
  const headers = { ...upstreamHeaders(provider, connection.apiKey), ...request.headers };
  const response = await client.send({
    url: `${baseUrl}${request.path}`,
    headers,
    body: request.body,
    signal,
    proxyUrl: connection.proxyUrl,
  });
  // undici follows no redirects: a 3xx (or any non-2xx) is a failure, never an answer to pass on as 200.
  if (response.status >= 200 && response.status < 300) return response;
  const text = await response.body.text().catch(() => '');
  throw upstreamStatusError({
    provider,
    adapter,
    status: response.status,
    text,
    retryAfter: failureRetryAfterSeconds(response.status, response.headers),
  });
}

export function upstreamStatusError(input: {
  provider: ProviderDefinition;
  adapter: Pick<UpstreamAdapter, 'parseErrorMessage'>;
  status: number;
  text: string;
  retryAfter?: number;
}): GatewayError {
  const { provider, adapter, status, text, retryAfter } = input;
  const detail = errorDetail(adapter, text) || `HTTP ${status}`;
  return new GatewayError('upstream_error', `${provider.name} (${provider.id}) returned HTTP ${status}: ${detail}`, {
    status,
    kind: kindForStatus(status),
    retryAfterSeconds: retryAfter,
  });
}

function errorDetail(adapter: Pick<UpstreamAdapter, 'parseErrorMessage'>, text: string): string {
  try {
    return adapter.parseErrorMessage(JSON.parse(text)) ?? text.slice(0, 500);
  } catch {
    return text.slice(0, 500);
  }
}

/** Parses a JSON answer body, turning garbage into a clear upstream error rather than a crash. */
export function parseUpstreamJson(provider: ProviderDefinition, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('upstream_error', `${provider.name} (${provider.id}) sent an answer that is not JSON.`);
  }
}
