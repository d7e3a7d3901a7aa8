// Shared setup for the system-prompt and thinking-budget tests: one provider node per upstream wire format on the
// mock, and a raw request in each client format that carries its own system content and asks for reasoning.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';

export type ClientFormat = 'openai' | 'responses' | 'anthropic' | 'gemini' | 'ollama';
export type UpstreamApi = ClientFormat;

/** Upstream model per node; Claude 4.5 and Gemini 2.5 take token budgets (not adaptive levels). */
const upstreamModels: Record<UpstreamApi, string> = {
  openai: 'up-openai/o4-mini',
  responses: 'up-responses/gpt-5',
  anthropic: 'up-anthropic/claude-sonnet-4-5',
  gemini: 'up-gemini/gemini-2.5-flash',
  ollama: 'up-ollama/qwen3:8b',
};
const baseUrls: Record<UpstreamApi, (mock: string) => string> = {
  openai: (url) => `${url}/v1`,
  responses: (url) => `${url}/v1`,
  anthropic: (url) => `${url}/v1`,
  gemini: (url) => `${url}/v1beta`,
  ollama: (url) => url,
};

export const clientFormats: ClientFormat[] = ['openai', 'responses', 'anthropic', 'gemini', 'ollama'];

/** Both paths for each client format: pass-through (same upstream format) and translated (another one). */
export const pathCases = clientFormats.flatMap((client) => [
  { client, upstream: client, path: 'pass-through' as const },
  { client, upstream: (client === 'openai' ? 'anthropic' : 'openai') as UpstreamApi, path: 'translated' as const },
]);

export interface Shaping {
  mock: MockUpstream;
  harness: GatewayHarness;
  /** Sends the format's request with own system text `OWN` and a reasoning request; returns the upstream body. */
  send(client: ClientFormat, upstream: UpstreamApi, headers?: Record<string, string>): Promise<any>;
}

export function useShaping(): Shaping {
  const rig = {} as { mock: MockUpstream; harness: GatewayHarness };
  beforeAll(async () => {
    rig.mock = await startMockUpstream();
    rig.harness = await startHarness();
    for (const api of clientFormats) {
      const node = { name: `Mock ${api}`, prefix: `up-${api}`, apiType: api, baseUrl: baseUrls[api](rig.mock.url) };
      const created = await rig.harness.manage('POST', '/api/provider-nodes', node);
      if (created.status !== 201) throw new Error(`node ${api}: ${created.status} ${JSON.stringify(created.body)}`);
      await rig.harness.connect({ provider: `up-${api}`, apiKey: 'k' });
    }
  });
  afterAll(async () => {
    await rig.harness.stop();
    await rig.mock.close();
  });
  beforeEach(() => rig.mock.reset());

  return {
    get mock() {
      return rig.mock;
    },
    get harness() {
      return rig.harness;
    },
    async send(client, upstream, headers = {}) {
      const model = upstreamModels[upstream];
      const { path, body } = clientRequest(client, model);
      const response = await fetch(`${rig.harness.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${client} → ${upstream}: ${response.status} ${text}`);
      const recorded = rig.mock.requests.at(-1);
      if (recorded === undefined) throw new Error('the mock received nothing');
      return recorded.body;
    },
  };
}

function clientRequest(client: ClientFormat, model: string): { path: string; body: unknown } {
  switch (client) {
    case 'openai':
      return {
        path: '/v1/chat/completions',
        body: {
          model,
          messages: [
            { role: 'system', content: 'OWN' },
            { role: 'user', content: 'hi' },
          ],
          reasoning_effort: 'low',
        },
      };
    case 'responses':
      return { path: '/v1/responses', body: { model, instructions: 'OWN', input: 'hi', reasoning: { effort: 'low' } } };
    case 'anthropic':
      return {
        path: '/v1/messages',
        body: {
          model,
          max_tokens: 32_000,
          system: [{ type: 'text', text: 'OWN', cache_control: { type: 'ephemeral' } }],
          messages: [{ role: 'user', content: 'hi' }],
          thinking: { type: 'enabled', budget_tokens: 1024 },
        },
      };
    case 'gemini':
      return {
        path: `/v1beta/models/${model}:generateContent`,
        body: {
          systemInstruction: { parts: [{ text: 'OWN' }] },
          contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
          generationConfig: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } },
        },
      };
    case 'ollama':
      return {
        path: '/api/chat',
        body: {
          model,
          stream: false,
          messages: [
            { role: 'system', content: 'OWN' },
            { role: 'user', content: 'hi' },
          ],
          think: true,
        },
      };
    default: {
      const unreachable: never = client;
      throw new Error(`unknown client ${String(unreachable)}`);
    }
  }
}

/** All system text the upstream received, in order, whatever its format put it in. */
export function upstreamSystemText(upstream: UpstreamApi, body: any): string {
  const text = (content: unknown): string =>
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((part: any) => part.text ?? '').join('\n')
        : '';
  switch (upstream) {
    case 'openai':
    case 'ollama':
      return body.messages
        .filter((message: any) => message.role === 'system' || message.role === 'developer')
        .map((message: any) => text(message.content))
        .join('\n');
    case 'responses': {
      const inline = Array.isArray(body.input)
        ? body.input.filter((item: any) => item.role === 'system' || item.role === 'developer')
        : [];
      return [body.instructions ?? '', ...inline.map((item: any) => text(item.content))].join('\n');
    }
    case 'anthropic':
      return text(body.system);
    case 'gemini':
      return text(body.systemInstruction?.parts);
    default:
      return '';
  }
}

/** The reasoning the upstream was asked for, in one comparable shape. */
export function upstreamReasoning(upstream: UpstreamApi, body: any): unknown {
  switch (upstream) {
    case 'openai':
      return body.reasoning_effort;
    case 'responses':
      return body.reasoning?.effort;
    case 'anthropic':
      return body.thinking?.budget_tokens ?? body.thinking?.type;
    case 'gemini':
      return body.generationConfig?.thinkingConfig?.thinkingBudget;
    case 'ollama':
      return body.think;
    default:
      return undefined;
  }
}
