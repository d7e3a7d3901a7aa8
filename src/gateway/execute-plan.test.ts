import { describe, expect, it } from 'vitest';
import { testConnection } from '../../test/helpers/connection-record.js';
import { GatewayError } from '../core/errors.js';
import { providerCatalog } from '../providers/catalog/index.js';
import { buildConfigSnapshot } from '../routing/config-snapshot.js';
import { defaultResilienceSettings } from '../routing/resilience/resilience-settings.js';
import { resolveModel } from '../routing/resolve-model.js';
import { RoutingRuntime } from '../routing/routing-runtime.js';
import { defaultRoutingSettings } from '../routing/routing-settings.js';
import { executePlan, type PlanExecution } from './execute-plan.js';

const connection = testConnection('openai', { id: 'c1', name: 'work' });

function setup() {
  const snapshot = buildConfigSnapshot({ catalog: providerCatalog, nodes: [], connections: [connection] });
  const runtime = new RoutingRuntime();
  runtime.configure(defaultRoutingSettings, {
    ...defaultResilienceSettings,
    breaker: { failureThreshold: 1, resetMs: 1 },
  });
  const plan = (attempt: PlanExecution['attempt']): PlanExecution => ({
    targets: [{ model: 'openai/gpt-4.1', resolved: resolveModel('openai/gpt-4.1', snapshot), combo: '', index: 0 }],
    runtime,
    snapshot,
    sessionId: undefined,
    signal: new AbortController().signal,
    streamStarted: () => false,
    attempt,
  });
  return { runtime, plan };
}

describe('executePlan', () => {
  it('marks the state for saving when a probe closes the breaker', async () => {
    const { runtime, plan } = setup();
    runtime.breakers.recordFailure('openai');
    await new Promise((resolve) => setTimeout(resolve, 5));
    runtime.dirty = false;
    await executePlan(plan(async () => {}));
    expect(runtime.breakers.list()).toEqual([]);
    // Without this a restart would restore the breaker as open.
    expect(runtime.dirty).toBe(true);
  });

  it('leaves the state clean when a success changes nothing', async () => {
    const { runtime, plan } = setup();
    runtime.dirty = false;
    await executePlan(plan(async () => {}));
    expect(runtime.dirty).toBe(false);
  });

  it('marks the state when a failure opens the breaker', async () => {
    const { runtime, plan } = setup();
    const failing = plan(async () => {
      throw new GatewayError('upstream_error', 'OpenAI (openai) returned HTTP 500: boom', { status: 500 });
    });
    await expect(executePlan(failing)).rejects.toThrow(/HTTP 500/);
    expect(runtime.breakers.status('openai').state).toBe('open');
    expect(runtime.dirty).toBe(true);
  });
});
