import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError } from '../../core/errors.js';
import { parseUpstreamJson, upstreamStatusError } from '../../gateway/upstream-call.js';
import { upstreamHeaders } from '../../upstream/auth-headers.js';
import { failureRetryAfterSeconds } from '../../upstream/retry-after.js';
import { upstreamFailure } from '../../upstream/upstream-client.js';
import type { MediaAttempt } from '../media-operation.js';

export interface SpeechCall {
  method: 'GET' | 'POST';
  /** Relative to the account's base URL, with its query. */
  path: string;
  body?: string | Buffer;
  contentType?: string;
}

/**
 * One account of one speech API, as an adapter sees it: JSON calls that throw coded errors on failure, and the
 * clock and pause that polling needs (both replaceable in tests).
 */
export interface SpeechUpstream {
  /** The model id as the upstream knows it. */
  model: string;
  /** `Name (id)`, for messages. */
  label: string;
  call(request: SpeechCall): Promise<unknown>;
  /** Asynchronous APIs: the pause between polls and the overall deadline. */
  poll: { intervalMs: number; timeoutMs: number };
  /** Waits, or throws a 499 when the client goes away. */
  pause(ms: number): Promise<void>;
  now(): number;
}

export interface SpeechUpstreamOptions {
  attempt: MediaAttempt;
  poll: { intervalMs: number; timeoutMs: number };
  /** The upstream's readable error message, from its error body. */
  errorMessage(body: unknown): string | undefined;
}

/** A SpeechUpstream over the gateway's upstream client (keep-alive agent, proxies, timeouts) for one account. */
export function createSpeechUpstream({ attempt, poll, errorMessage }: SpeechUpstreamOptions): SpeechUpstream {
  const { resolved, connection, upstream, signal } = attempt;
  const { provider } = resolved;
  const baseUrl = (connection.baseUrl ?? provider.baseUrl).replace(/\/+$/, '');
  const adapter = { parseErrorMessage: errorMessage };
  return {
    model: resolved.model,
    label: `${provider.name} (${provider.id})`,
    poll,
    now: Date.now,
    async pause(ms) {
      try {
        await sleep(ms, undefined, { signal });
      } catch {
        throw new GatewayError('upstream_error', 'The client went away before the transcript was ready.', {
          status: 499,
        });
      }
    },
    async call({ method, path, body, contentType }) {
      const { 'content-type': _json, ...headers } = upstreamHeaders(provider, connection.apiKey);
      if (contentType !== undefined) headers['content-type'] = contentType;
      const url = `${baseUrl}${path}`;
      const options = { proxyUrl: connection.proxyUrl };
      const response =
        method === 'GET'
          ? await upstream.get(url, headers, signal, options)
          : await upstream.send({ url, headers, body: body ?? '', signal, ...options });
      let text: string;
      try {
        text = await response.body.text();
      } catch (error) {
        throw upstreamFailure(error, url);
      }
      if (response.status < 200 || response.status >= 300) {
        throw upstreamStatusError({
          provider,
          adapter,
          status: response.status,
          text,
          retryAfter: failureRetryAfterSeconds(response.status, response.headers),
        });
      }
      return parseUpstreamJson(provider, text);
    },
  };
}
