// Shared setup of the response-cache tests: one mock upstream, one real gateway with OpenAI, Anthropic and Gemini
// accounts pointed at the mock. Before each test the mock's record and the whole cache are cleared.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';

export interface CacheGateway {
  mock: MockUpstream;
  harness: GatewayHarness;
  /** Generation calls the mock received since the test began (model lists and the like excluded). */
  upstreamCalls(): number;
}

export async function connectMockAccounts(harness: GatewayHarness, mockUrl: string): Promise<void> {
  await harness.connect({ provider: 'openai', apiKey: 'sk-openai', baseUrl: `${mockUrl}/v1` });
  await harness.connect({ provider: 'anthropic', apiKey: 'sk-anthropic', baseUrl: `${mockUrl}/v1` });
  await harness.connect({ provider: 'gemini', apiKey: 'gemini-key', baseUrl: `${mockUrl}/v1beta` });
}

export function cacheGatewayPerFile(): CacheGateway {
  const state: Partial<CacheGateway> = {};
  beforeAll(async () => {
    state.mock = await startMockUpstream();
    state.harness = await startHarness();
    await connectMockAccounts(state.harness, state.mock.url);
  });
  afterAll(async () => {
    await state.harness?.stop();
    await state.mock?.close();
  });
  beforeEach(async () => {
    state.mock?.reset();
    await state.harness?.manage('DELETE', '/api/cache');
  });
  return {
    get mock() {
      return state.mock as MockUpstream;
    },
    get harness() {
      return state.harness as GatewayHarness;
    },
    upstreamCalls: () => (state.mock as MockUpstream).requests.filter((request) => request.method === 'POST').length,
  };
}

/** A deterministic chat body (temperature 0) for the OpenAI Chat API. */
export function chatBody(text: string, extra: Record<string, unknown> = {}) {
  return { model: 'openai/gpt-4.1', temperature: 0, messages: [{ role: 'user' as const, content: text }], ...extra };
}
