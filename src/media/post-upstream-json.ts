import { callUpstream, parseUpstreamJson } from '../gateway/upstream-call.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import { upstreamFailure } from '../upstream/upstream-client.js';
import type { MediaAttempt } from './media-operation.js';

/**
 * POSTs a JSON body to the attempt's account (`{baseUrl}{path}`, its credential and proxy) and returns the parsed
 * answer. An HTTP error status becomes a GatewayError that routing classifies (429 → cooldown and fallback, …),
 * with the upstream's own message read in its format's error shape.
 */
export async function postUpstreamJson(attempt: MediaAttempt, path: string, body: unknown): Promise<unknown> {
  const { resolved, connection, upstream, signal } = attempt;
  const target = { provider: resolved.provider, connection, adapter: upstreamAdapters[resolved.format] };
  const response = await callUpstream(upstream, target, { path, body: JSON.stringify(body) }, signal);
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw upstreamFailure(error, resolved.provider.baseUrl);
  }
  return parseUpstreamJson(resolved.provider, text);
}
