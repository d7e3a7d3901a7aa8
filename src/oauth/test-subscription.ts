import { performance } from 'node:perf_hooks';
import { probeRequest } from '../admin/probe-request.js';
import { toGatewayError } from '../core/errors.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import type { ProviderDefinition } from '../providers/catalog/types.js';
import type { ConnectionRecord, ConnectionTest } from '../storage/repositories/connections-repository.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import type { SubscriptionSessions } from './subscription-session.js';

/**
 * The connection test for a subscription account: one word, one output token, through the same session requests
 * use (fresh token, provider headers, Codex's stream collected), so it proves what routing will do. Never throws.
 */
export async function testSubscription(input: {
  client: UpstreamClient;
  sessions: SubscriptionSessions;
  provider: ProviderDefinition;
  connection: ConnectionRecord;
  /** The model to call; else the provider's first chat model. */
  model?: string;
  timeoutMs?: number;
}): Promise<ConnectionTest> {
  const { client, sessions, provider, connection, timeoutMs = 30_000 } = input;
  const started = performance.now();
  const model = input.model ?? provider.models.find((entry) => entry.type === 'chat')?.id ?? null;
  const result = (ok: boolean, status: number | null, message: string): ConnectionTest => ({
    ok,
    status,
    message,
    latencyMs: Math.round(performance.now() - started),
    model,
    testedAt: Date.now(),
  });
  if (model === null) return result(false, null, `${provider.name} lists no model to test with.`);
  const adapter = upstreamAdapters[provider.format];
  const built = adapter.buildRequest(probeRequest(model)).value;
  const session = sessions.sessionFor(provider, connection);
  try {
    if (session === undefined) throw new Error(`${provider.id} is not a subscription provider`);
    const response = await session.call(
      client,
      { provider, connection, adapter, session },
      { path: built.path, body: JSON.stringify(built.body), headers: built.headers },
      AbortSignal.timeout(timeoutMs),
    );
    await response.body.dump();
    return result(true, response.status, `${provider.name} answered with ${model}.`);
  } catch (thrown) {
    const error = toGatewayError(thrown);
    return result(false, error.code === 'upstream_error' ? error.status : null, error.message);
  }
}
