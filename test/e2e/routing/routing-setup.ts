import OpenAI from 'openai';
import { defaultResilienceSettings } from '../../../src/routing/resilience/resilience-settings.js';
import { defaultRoutingSettings } from '../../../src/routing/routing-settings.js';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';

/** A gateway and its own mock upstream, with an OpenAI client that never retries on its own. */
export interface RoutingRig {
  mock: MockUpstream;
  harness: GatewayHarness;
  client: OpenAI;
  /** Adds one account per key for `provider`, all pointing at the mock; returns their views (id, name, …). */
  connect(provider: string, keys: readonly string[], extra?: Record<string, unknown>): Promise<any[]>;
  /** A raw OpenAI chat call, for status, headers and body as the client sees them. */
  chat(model: string, content: string, options?: ChatOptions): Promise<RawAnswer>;
  /** Restarts the gateway on the same data folder (the mock keeps running). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChatOptions {
  headers?: Record<string, string>;
  stream?: boolean;
  path?: string;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Provider base URLs on the mock, by the wire format the provider speaks. */
const mockBase = (mock: MockUpstream, provider: string) =>
  provider === 'gemini' ? `${mock.url}/v1beta` : `${mock.url}/v1`;

/**
 * A harness whose provider accounts may point at the loopback mock. The SSRF guard refuses loopback base URLs unless
 * `allowPrivateBaseUrls` is set; on a build without that setting the PATCH is a harmless 404.
 */
export async function startLoopbackHarness(options: { env?: Record<string, string>; dataDir?: string } = {}) {
  const harness = await startHarness(options);
  const { status, body } = await harness.manage('PATCH', '/api/settings', { allowPrivateBaseUrls: true });
  if (status >= 500) throw new Error(`allowing loopback upstreams failed: ${status} ${JSON.stringify(body)}`);
  return harness;
}

export async function startRig(options: { env?: Record<string, string> } = {}): Promise<RoutingRig> {
  const mock = await startMockUpstream();
  let harness = await startLoopbackHarness({ env: options.env });
  const rig: RoutingRig = {
    mock,
    harness,
    client: new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: 'client', maxRetries: 0 }),
    async connect(provider, keys, extra = {}) {
      const views = [];
      for (const [index, apiKey] of keys.entries()) {
        views.push(
          await rig.harness.connect({
            provider,
            name: `${provider}-${apiKey}`,
            apiKey,
            baseUrl: mockBase(mock, provider),
            priority: index + 1,
            ...extra,
          }),
        );
      }
      return views;
    },
    chat: (model, content, chatOptions = {}) => rawChat(rig.harness.url, model, content, chatOptions),
    async restart() {
      const dataDir = rig.harness.dataDir;
      await rig.harness.stop({ keepData: true });
      harness = await startLoopbackHarness({ env: options.env, dataDir });
      rig.harness = harness;
      rig.client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: 'client', maxRetries: 0 });
    },
    async stop() {
      await rig.harness.stop();
      await mock.close();
    },
  };
  return rig;
}

export async function rawChat(
  base: string,
  model: string,
  content: string,
  options: ChatOptions = {},
): Promise<RawAnswer> {
  const { headers = {}, stream = false, path = '/v1/chat/completions' } = options;
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }], stream }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Back to default settings and no cooldowns, breakers or lockouts, so tests do not leak into each other. */
export async function resetRouting(harness: GatewayHarness, patch: Record<string, unknown> = {}): Promise<void> {
  const defaults = { routing: defaultRoutingSettings, ...defaultResilienceSettings };
  const settings = await harness.manage('PATCH', '/api/resilience', defaults);
  if (settings.status !== 200) throw new Error(`resetting settings failed: ${JSON.stringify(settings.body)}`);
  const reset = await harness.manage('POST', '/api/resilience/reset', {});
  if (reset.status !== 200) throw new Error(`resetting state failed: ${JSON.stringify(reset.body)}`);
  if (Object.keys(patch).length > 0) await patchResilience(harness, patch);
}

export async function patchResilience(harness: GatewayHarness, patch: Record<string, unknown>): Promise<any> {
  const { status, body } = await harness.manage('PATCH', '/api/resilience', patch);
  if (status !== 200) throw new Error(`PATCH /api/resilience failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

export async function createCombo(harness: GatewayHarness, combo: Record<string, unknown>): Promise<any> {
  const { status, body } = await harness.manage('POST', '/api/combos', combo);
  if (status !== 201) throw new Error(`creating combo failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** The upstream key each recorded request carried (Bearer or x-api-key), from index `from` on. */
export function keysUsed(mock: MockUpstream, from = 0): string[] {
  return mock.requests.slice(from).map((request) => {
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    return bearer ?? String(request.headers['x-api-key'] ?? '');
  });
}

/** The upstream model of each recorded request, from index `from` on. */
export function modelsUsed(mock: MockUpstream, from = 0): string[] {
  return mock.requests.slice(from).map((request) => String((request.body as { model?: unknown }).model));
}

export function countBy(items: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

/** Lengths of runs of equal neighbours: [a, a, b] → [2, 1]. */
export function runLengths(items: readonly string[]): number[] {
  const runs: number[] = [];
  items.forEach((item, index) => {
    if (index > 0 && item === items[index - 1]) runs[runs.length - 1] = (runs.at(-1) ?? 0) + 1;
    else runs.push(1);
  });
  return runs;
}

/** `x-omniroute-route` as a record: `strategy=priority; provider=openai; …` → `{strategy: 'priority', …}`. */
export function routeOf(headers: Headers): Record<string, string> {
  const header = headers.get('x-omniroute-route') ?? '';
  return Object.fromEntries(
    header
      .split('; ')
      .filter((field) => field.includes('='))
      .map((field) => [field.slice(0, field.indexOf('=')), field.slice(field.indexOf('=') + 1)]),
  );
}

/** Runs `count` tasks with at most `concurrency` at once; resolves with their results in order. */
export async function runPool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>) {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds: fixed sleeps make timing tests flaky on a busy machine. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
