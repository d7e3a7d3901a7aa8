import { describe, expect, it } from 'vitest';
import { testConnection } from '../../test/helpers/connection-record.js';
import { providerCatalog } from '../providers/catalog/index.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import { buildConfigSnapshot } from './config-snapshot.js';
import { type AvailabilityContext, connectedModels, explainAvailability } from './model-availability.js';
import { RoutingRuntime } from './routing-runtime.js';

const now = 1_700_000_000_000;

function connection(id: string, provider: string, isActive = true): ConnectionRecord {
  return testConnection(provider, { id, name: id, apiKey: 'k', isActive });
}

function context(connections: ConnectionRecord[], runtime = new RoutingRuntime()): AvailabilityContext {
  const combos = [
    {
      id: 'x',
      name: 'coding',
      strategy: 'priority' as const,
      targets: [{ model: 'openai/gpt-4.1' }, { model: 'anthropic/claude-sonnet-4-5' }],
      config: {},
      createdAt: 0,
      updatedAt: 0,
    },
  ];
  const snapshot = buildConfigSnapshot({ catalog: providerCatalog, nodes: [], connections, combos });
  return { snapshot, runtime, connections, now };
}

describe('explainAvailability', () => {
  it('says a model with a usable account is available', () => {
    const result = explainAvailability('openai/gpt-4.1', context([connection('a', 'openai')]));
    expect(result).toMatchObject({ model: 'openai/gpt-4.1', provider: 'openai', available: true, reasons: [] });
    expect(result.accounts).toEqual([{ connectionId: 'a', name: 'a', available: true }]);
  });

  it('explains a cooled-down account with the time it comes back', () => {
    const runtime = new RoutingRuntime();
    const entry = runtime.cooldowns.recordFailure('a', { reason: 'rate_limited', retryAfterMs: 60_000 });
    const result = explainAvailability('openai/gpt-4.1', context([connection('a', 'openai')], runtime));
    expect(result.available).toBe(false);
    expect(result.accounts[0]).toMatchObject({
      available: false,
      reason: 'cooling_down (rate_limited)',
      until: entry.until,
    });
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'no_account_available', until: entry.until })]);
  });

  it('explains missing and inactive connections, lockouts, an open breaker and unknown models', () => {
    expect(explainAvailability('openai/gpt-4.1', context([])).reasons[0]?.code).toBe('no_connection');
    const inactive = explainAvailability('openai/gpt-4.1', context([connection('a', 'openai', false)]));
    expect(inactive.reasons.map((reason) => reason.code)).toEqual(['no_active_connection']);
    expect(inactive.accounts[0]?.reason).toBe('inactive');

    const runtime = new RoutingRuntime();
    runtime.configure(runtime.routing, { ...runtime.resilience, lockout: { threshold: 1, durationMs: 60_000 } });
    runtime.lockouts.recordFailure('a', 'gpt-4.1');
    const locked = explainAvailability('openai/gpt-4.1', context([connection('a', 'openai')], runtime));
    expect(locked.accounts[0]?.reason).toBe('model_locked_out');
    // Another model of the same account is unaffected.
    expect(explainAvailability('openai/gpt-4o-mini', context([connection('a', 'openai')], runtime)).available).toBe(
      true,
    );

    const broken = new RoutingRuntime();
    broken.configure(broken.routing, { ...broken.resilience, breaker: { failureThreshold: 1, resetMs: 3_600_000 } });
    broken.breakers.recordFailure('openai');
    const open = explainAvailability('openai/gpt-4.1', context([connection('a', 'openai')], broken));
    expect(open.reasons[0]).toMatchObject({ code: 'circuit_open' });
    // Reading availability never reserves the breaker's probe.
    expect(broken.breakers.status('openai').state).toBe('open');

    const unknown = explainAvailability('nope/model', context([connection('a', 'openai')]));
    expect(unknown).toMatchObject({ available: false, reasons: [{ code: 'model_not_found' }] });
  });

  it('explains a combo target by target', () => {
    const result = explainAvailability('coding', context([connection('a', 'openai')]));
    expect(result.available).toBe(true);
    expect(result.targets?.map((target) => [target.model, target.available])).toEqual([
      ['openai/gpt-4.1', true],
      ['anthropic/claude-sonnet-4-5', false],
    ]);
  });

  it('lists every model of every provider with a connection', () => {
    const models = connectedModels(context([connection('a', 'openai'), connection('b', 'deepseek', false)]));
    expect(models).toContain('openai/gpt-4.1');
    expect(models.some((model) => model.startsWith('deepseek/'))).toBe(true);
    expect(models.some((model) => model.startsWith('anthropic/'))).toBe(false);
  });
});
