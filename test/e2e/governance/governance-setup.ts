import type { LightMyRequestResponse } from 'fastify';
import type { GatewayHarness } from '../../helpers/gateway-harness.js';

/** Creates a client key with the given policy fields; returns its id and secret. */
export async function createKey(harness: GatewayHarness, body: Record<string, unknown>) {
  const created = await harness.manage('POST', '/api/keys', body);
  if (created.status !== 201) throw new Error(`key create failed: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id as string, key: created.body.key as string };
}

/** An in-process chat call with a key, from a chosen address; `text` may carry mock directives. */
export function chat(
  harness: GatewayHarness,
  key: string,
  options: { model?: string; text?: string; remoteAddress?: string; format?: 'openai' | 'anthropic' } = {},
): Promise<LightMyRequestResponse> {
  const model = options.model ?? 'openai/gpt-4.1';
  const messages = [{ role: 'user', content: options.text ?? 'hi' }];
  const anthropic = options.format === 'anthropic';
  return harness.gateway.app.inject({
    method: 'POST',
    url: anthropic ? '/v1/messages' : '/v1/chat/completions',
    remoteAddress: options.remoteAddress ?? '127.0.0.1',
    headers: anthropic ? { 'x-api-key': key } : { authorization: `Bearer ${key}` },
    payload: { model, messages, max_tokens: 10 },
  });
}

/** Status codes of a burst, counted. */
export function statusCounts(responses: readonly LightMyRequestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.statusCode] = (counts[response.statusCode] ?? 0) + 1;
  return counts;
}
