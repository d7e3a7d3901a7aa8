import { GatewayError } from '../core/errors.js';
import { anthropicCodec } from '../formats/anthropic/index.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import { pickConnection } from '../routing/pick-connection.js';
import { resolveModel } from '../routing/resolve-model.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { estimateInputTokens } from '../usage/estimate-input-tokens.js';
import { callUpstream, parseUpstreamJson } from './upstream-call.js';

/**
 * `POST /v1/messages/count_tokens`: an Anthropic upstream is asked (its count is exact); any other upstream gets a
 * tokenizer estimate of the same request, so Claude Code's context accounting works on every provider.
 */
export async function countTokens(input: {
  body: unknown;
  snapshot: ConfigSnapshot;
  upstream: UpstreamClient;
  signal: AbortSignal;
}): Promise<{ input_tokens: number }> {
  const { body, snapshot, upstream, signal } = input;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  // count_tokens takes a Messages request without max_tokens.
  const parsed = anthropicCodec.parseRequest({ max_tokens: 1, ...body });
  const resolved = resolveModel(parsed.value.model, snapshot);
  if (resolved.format !== 'anthropic') return { input_tokens: await estimateInputTokens(parsed.value) };

  const target = {
    provider: resolved.provider,
    connection: pickConnection(resolved.provider, snapshot),
    adapter: upstreamAdapters.anthropic,
  };
  const { max_tokens: _ignored, ...rest } = body as Record<string, unknown>;
  const response = await callUpstream(
    upstream,
    target,
    { path: '/messages/count_tokens', body: JSON.stringify({ ...rest, model: resolved.model }) },
    signal,
  );
  const answer = parseUpstreamJson(resolved.provider, await response.body.text()) as { input_tokens?: unknown };
  if (typeof answer.input_tokens !== 'number') {
    throw new GatewayError('upstream_error', `${resolved.provider.name} answered count_tokens without input_tokens.`);
  }
  return { input_tokens: answer.input_tokens };
}
