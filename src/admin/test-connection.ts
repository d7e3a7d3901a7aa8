import { performance } from 'node:perf_hooks';
import type { UpstreamAdapter } from '../core/codec.js';
import { upstreamStatusError } from '../gateway/upstream-call.js';
import { ownSpeechApi } from '../media/transcription/transcription-operation.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import type { ModelDefinition, ProviderDefinition } from '../providers/catalog/types.js';
import { modelKey } from '../routing/apply-model-settings.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import type { ConnectionRecord, ConnectionTest } from '../storage/repositories/connections-repository.js';
import { upstreamHeaders } from '../upstream/auth-headers.js';
import { type UpstreamClient, type UpstreamResponse, upstreamFailure } from '../upstream/upstream-client.js';
import { listUpstreamModels } from './list-upstream-models.js';
import { probeRequest } from './probe-request.js';

export interface ConnectionTestInput {
  upstream: UpstreamClient;
  snapshot: ConfigSnapshot;
  provider: ProviderDefinition;
  connection: Pick<ConnectionRecord, 'apiKey' | 'baseUrl' | 'proxyUrl'>;
  /** The model to call; else the cheapest catalog chat model; else the first chat-looking one the upstream lists. */
  model?: string;
  timeoutMs?: number;
  now?: () => number;
}

type ErrorReader = Pick<UpstreamAdapter, 'parseErrorMessage'>;

/** Upstream model ids that are not chat models, when a provider's list does not say (OpenAI's does not). */
const notChat = /embed|whisper|tts|dall-e|image|moderation|rerank|transcri|audio|realtime|search/i;

/**
 * A real, minimal upstream call through one account: one user word, one output token, no stream (a speech-only API:
 * its free authenticated `keyCheckPath` instead, as no chat model is there to call). The result says whether the
 * credentials and base URL work (the HTTP status, the upstream's own error message) and how long it took. It never
 * throws: every failure is a result.
 */
export async function testConnection(input: ConnectionTestInput): Promise<ConnectionTest> {
  const { upstream, snapshot, provider, connection, timeoutMs = 30_000, now = Date.now } = input;
  const signal = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  const result = (ok: boolean, status: number | null, message: string, model: string | null): ConnectionTest => ({
    ok,
    status,
    message,
    latencyMs: Math.round(performance.now() - started),
    model,
    testedAt: now(),
  });
  const baseUrl = (connection.baseUrl ?? provider.baseUrl).replace(/\/+$/, '');
  /** The upstream's answer as a result: its status, and on a refusal its own error message. */
  const answered = async (response: UpstreamResponse, errors: ErrorReader, model: string | null, done: string) => {
    const text = await response.body.text();
    if (response.status >= 400) {
      const error = upstreamStatusError({ provider, adapter: errors, status: response.status, text });
      return result(false, response.status, error.message, model);
    }
    const elapsed = Math.round(performance.now() - started);
    return result(true, response.status, `${provider.name} ${done} in ${elapsed} ms.`, model);
  };
  let model = input.model;
  try {
    // A speech-only API has no chat model to call: a free authenticated GET proves its key instead.
    const speechApi = ownSpeechApi(provider);
    if (speechApi?.keyCheckPath !== undefined) {
      const { 'content-type': _json, ...headers } = upstreamHeaders(provider, connection.apiKey);
      const response = await upstream.get(`${baseUrl}${speechApi.keyCheckPath}`, headers, signal, {
        proxyUrl: connection.proxyUrl,
      });
      return await answered(response, { parseErrorMessage: speechApi.errorMessage }, model ?? null, 'accepted the key');
    }
    model ??= cheapestChatModel(provider, snapshot)?.id;
    model ??= await firstListedChatModel(input, signal);
    if (model === undefined) {
      return result(false, null, `${provider.name} lists no model to test with: name one in {"model": "..."}.`, null);
    }
    const definition = provider.models.find((entry) => entry.id === model);
    const adapter = upstreamAdapters[definition?.format ?? provider.format];
    const built = adapter.buildRequest(probeRequest(model)).value;
    const response = await upstream.send({
      url: `${baseUrl}${built.path}`,
      headers: { ...upstreamHeaders(provider, connection.apiKey), ...built.headers },
      body: JSON.stringify(built.body),
      signal,
      proxyUrl: connection.proxyUrl,
    });
    return await answered(response, adapter, model, `answered with ${model}`);
  } catch (thrown) {
    const message = signal.aborted
      ? `${provider.name} did not answer within ${Math.round(timeoutMs / 1000)} s.`
      : upstreamFailure(thrown, baseUrl).message;
    return result(false, upstreamStatusOf(thrown), message, model ?? null);
  }
}

/** The cheapest priced chat model the user has not hidden (a test should cost next to nothing), else the first. */
function cheapestChatModel(provider: ProviderDefinition, snapshot: ConfigSnapshot): ModelDefinition | undefined {
  const chat = provider.models.filter(
    (model) => model.type === 'chat' && !snapshot.hiddenModels.has(modelKey(provider.id, model.id)),
  );
  const price = (model: ModelDefinition) =>
    model.pricing === undefined ? Number.MAX_VALUE : model.pricing.input + model.pricing.output;
  return [...chat].sort((a, b) => price(a) - price(b))[0];
}

async function firstListedChatModel(input: ConnectionTestInput, signal: AbortSignal): Promise<string | undefined> {
  const listed = await listUpstreamModels({ ...input, signal });
  if (listed === undefined) return undefined;
  const chat = listed.filter((model) => (model.type === undefined ? !notChat.test(model.id) : model.type === 'chat'));
  return (chat[0] ?? listed[0])?.id;
}

/** A refused model list carries the upstream's status in its cause (see listUpstreamModels). */
function upstreamStatusOf(thrown: unknown): number | null {
  const cause = thrown instanceof Error ? thrown.cause : undefined;
  if (cause instanceof Error && 'status' in cause && typeof cause.status === 'number') return cause.status;
  return null;
}
