// Shared setup of the client × upstream translation matrix: one mock upstream, one real gateway, and one provider
// node per upstream wire format. Every client test file walks the `upstreams` table with its own SDK.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, type RecordedRequest, startMockUpstream } from '../../mock-upstream/index.mjs';

export type UpstreamApiType = 'openai' | 'responses' | 'anthropic' | 'gemini' | 'ollama';

export interface UpstreamCase {
  apiType: UpstreamApiType;
  /** The provider node prefix, and so the provider part of the model string. */
  prefix: string;
  /** `<prefix>/<model>`: what clients ask for. */
  model: string;
  /** Asserts that the upstream request carries `pngBase64` as an image in the upstream's own shape. */
  expectImage(body: any): void;
  /** Asserts that the upstream request asks for reasoning in the upstream's own way. */
  expectReasoningRequested(body: any): void;
}

/** A 1×1 PNG. */
export const pngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
export const pngDataUrl = `data:image/png;base64,${pngBase64}`;

/** The tool every tool test declares: the mock calls it with `{"location":"Paris"}`. */
export const weatherSchema = {
  type: 'object' as const,
  properties: { location: { type: 'string', description: 'City name' } },
  required: ['location'],
};
export const weatherResult = 'Sunny, 21C';

const upstream = (
  apiType: UpstreamApiType,
  model: string,
  checks: Pick<UpstreamCase, 'expectImage' | 'expectReasoningRequested'>,
): UpstreamCase => ({ apiType, prefix: `up-${apiType}`, model: `up-${apiType}/${model}`, ...checks });

const lastOf = (items: any): any => (Array.isArray(items) ? items.at(-1) : undefined);

export const upstreams: UpstreamCase[] = [
  upstream('openai', 'gpt-5-mini', {
    expectImage: (body) =>
      expect(lastOf(body.messages).content).toContainEqual(
        expect.objectContaining({ type: 'image_url', image_url: expect.objectContaining({ url: pngDataUrl }) }),
      ),
    expectReasoningRequested: (body) => expect(body.reasoning_effort).toEqual(expect.any(String)),
  }),
  upstream('responses', 'gpt-5', {
    expectImage: (body) =>
      expect(body.input.flatMap((item: any) => item.content ?? [])).toContainEqual(
        expect.objectContaining({ type: 'input_image', image_url: pngDataUrl }),
      ),
    // Without an effort (Ollama `think: true`), `reasoning` alone turns summaries on at the model's default effort.
    expectReasoningRequested: (body) => expect(body.reasoning).toMatchObject({ summary: 'auto' }),
  }),
  upstream('anthropic', 'claude-sonnet-4-5', {
    expectImage: (body) =>
      expect(lastOf(body.messages).content).toContainEqual(
        expect.objectContaining({
          type: 'image',
          source: { type: 'base64', media_type: 'image/png', data: pngBase64 },
        }),
      ),
    expectReasoningRequested: (body) => expect(body.thinking?.type).toMatch(/^(enabled|adaptive)$/),
  }),
  upstream('gemini', 'gemini-2.5-flash', {
    expectImage: (body) =>
      expect(lastOf(body.contents).parts).toContainEqual(
        expect.objectContaining({ inlineData: expect.objectContaining({ mimeType: 'image/png', data: pngBase64 }) }),
      ),
    expectReasoningRequested: (body) =>
      expect(body.generationConfig?.thinkingConfig).toMatchObject({ includeThoughts: true }),
  }),
  upstream('ollama', 'qwen3:8b', {
    expectImage: (body) => expect(lastOf(body.messages).images).toEqual([pngBase64]),
    expectReasoningRequested: (body) => expect(body.think).toBeTruthy(),
  }),
];

const baseUrls: Record<UpstreamApiType, (mockUrl: string) => string> = {
  openai: (url) => `${url}/v1`,
  responses: (url) => `${url}/v1`,
  anthropic: (url) => `${url}/v1`,
  gemini: (url) => `${url}/v1beta`,
  ollama: (url) => url,
};

export interface Matrix {
  mock: MockUpstream;
  harness: GatewayHarness;
  /** The last request the mock received (the generation call of the test that just ran). */
  lastRequest(): RecordedRequest;
}

/**
 * Starts the mock and the gateway for one test file, with every upstream node connected. Before each test the mock's
 * record and the gateway's resilience state are reset.
 */
export function useMatrix(): Matrix {
  let mock: MockUpstream | undefined;
  let harness: GatewayHarness | undefined;
  beforeAll(async () => {
    mock = await startMockUpstream();
    harness = await startHarness();
    for (const { apiType, prefix } of upstreams) {
      const node = { name: `Mock ${apiType}`, prefix, apiType, baseUrl: baseUrls[apiType](mock.url) };
      const created = await harness.manage('POST', '/api/provider-nodes', node);
      if (created.status !== 201) throw new Error(`node ${prefix}: ${created.status} ${JSON.stringify(created.body)}`);
      await harness.connect({ provider: prefix, apiKey: 'k' });
    }
  });
  afterAll(async () => {
    await harness?.stop();
    await mock?.close();
  });
  beforeEach(async () => {
    mock?.reset();
    // Tests fail upstreams on purpose; cooldowns and breakers from one test must not answer the next one.
    await harness?.manage('POST', '/api/resilience/reset', {});
  });
  return {
    get mock() {
      if (mock === undefined) throw new Error('the matrix has not started');
      return mock;
    },
    get harness() {
      if (harness === undefined) throw new Error('the matrix has not started');
      return harness;
    },
    lastRequest() {
      const request = this.mock.requests.at(-1);
      if (request === undefined) throw new Error('the mock received no request');
      return request;
    },
  };
}

/**
 * A reasoning signature the client got in the first turn reaches the upstream again with the second, in the
 * upstream's own field; and no upstream is sent an unsigned Anthropic thinking block, which Anthropic rejects.
 * (Only real OpenAI encrypted reasoning, `gAAAAA…`, is replayed to a Responses upstream: the mock's `enc_mock_…`
 * rightly is not, so that upstream is not checked here.)
 */
export function expectSignatureReplayed(upstream: UpstreamCase, signature: string | undefined, body: unknown): void {
  const sent = JSON.stringify(body);
  expect(sent).not.toContain('"signature":""');
  if (upstream.apiType !== 'anthropic' && upstream.apiType !== 'gemini') return;
  expect(signature).toBeTruthy();
  expect(sent).toContain(JSON.stringify(signature));
}

/** The two delivery modes every case runs in. */
export const modes = [
  { name: 'JSON', stream: false },
  { name: 'stream', stream: true },
] as const;

/** Tool round trips run with one call, and with two parallel calls (`[[mock:parallel]]`), in both modes. */
export const toolCases = modes.flatMap((mode) =>
  [1, 2].map((calls) => ({ ...mode, calls, name: `${mode.name}, ${calls === 1 ? 'one call' : 'two parallel calls'}` })),
);
export const toolPrompt = (calls: number) =>
  calls === 1 ? 'Weather in Paris?' : 'Weather in Paris? [[mock:parallel]]';
/** The result sent back for the call at `index`: distinct, so the answer shows each reached its call. */
export const weatherResultFor = (index: number) => `${weatherResult} #${index + 1}`;
/**
 * The mock answers with every tool result it got, in order. (A Gemini client's `{result: …}` object may reach a
 * text-only upstream as its JSON, so each result is looked for, not the exact joined text.)
 */
export const expectToolResults = (answer: string | undefined | null, upstream: UpstreamCase, calls: number) => {
  expect(answer).toContain(toolResultText(upstream));
  const positions = Array.from({ length: calls }, (_, index) => answer?.indexOf(weatherResultFor(index)) ?? -1);
  expect(positions.every((position) => position >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((left, right) => left - right));
};

/** Prompts whose directives make the mock fail: an HTTP 500, and a stream cut after six frames (mid-answer). */
export const failingPrompt = 'fail please [[mock:status=500]]';
export const cutPrompt = 'one two three four five six seven eight nine ten [[mock:cut=6]]';

// The mock names its wire format in every answer (`responses` for the Responses API), which is the node apiType.
export const replyText = (upstream: UpstreamCase, prompt: string) => `Mock ${upstream.apiType} reply to: ${prompt}`;
export const toolResultText = (upstream: UpstreamCase) => `Mock ${upstream.apiType} got tool result:`;
export const reasoningText = 'Mock reasoning about:';
