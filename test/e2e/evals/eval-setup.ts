import { eventually } from '../../helpers/eventually.js';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import type { MockUpstream } from '../../mock-upstream/index.mjs';

/** Connects an OpenAI account on the mock, a combo `fast` over it, and an Anthropic account whose upstream 404s. */
export async function connectEvalTargets(harness: GatewayHarness, mock: MockUpstream): Promise<void> {
  await harness.connect({ provider: 'openai', name: 'mock', apiKey: 'sk-mock', baseUrl: `${mock.url}/v1` });
  await harness.connect({ provider: 'anthropic', name: 'broken', apiKey: 'sk-broken', baseUrl: `${mock.url}/broken` });
  const combo = await harness.manage('POST', '/api/combos', { name: 'fast', models: ['openai/gpt-4o'] });
  if (combo.status !== 201) throw new Error(`combo: ${JSON.stringify(combo.body)}`);
}

export async function startEvalHarness(mock: MockUpstream, dataDir?: string): Promise<GatewayHarness> {
  const harness = await startHarness({ dataDir });
  if (dataDir === undefined) await connectEvalTargets(harness, mock);
  return harness;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  return eventually(check, timeoutMs, 25);
}

/** Starts a run and waits until it is no longer running; returns the full run view. */
export async function runToEnd(harness: GatewayHarness, body: Record<string, unknown>): Promise<any> {
  const started = await harness.manage('POST', '/api/evals', { action: 'run', ...body });
  if (started.status !== 202) throw new Error(`run: ${started.status} ${JSON.stringify(started.body)}`);
  return waitForRun(harness, started.body.id);
}

export async function waitForRun(harness: GatewayHarness, id: string): Promise<any> {
  return waitFor(async () => {
    const { body } = await harness.manage('GET', `/api/evals/${id}`);
    return body.status === 'running' ? undefined : body;
  });
}
