import { describe, expect, it } from 'vitest';
import { providerCatalog } from '../providers/catalog/index.js';
import type { ProviderModelRecord } from '../storage/repositories/provider-models-repository.js';
import { modelKey } from './apply-model-settings.js';
import { buildConfigSnapshot } from './config-snapshot.js';
import { resolveModel } from './resolve-model.js';

const setting = (values: Partial<ProviderModelRecord> & Pick<ProviderModelRecord, 'provider' | 'model'>) => ({
  custom: false,
  hidden: false,
  type: null,
  contextLength: null,
  pricing: null,
  createdAt: 0,
  updatedAt: 0,
  ...values,
});

const connection = (provider: string) => ({
  id: `${provider}-1`,
  provider,
  name: 'main',
  authType: 'api-key' as const,
  apiKey: 'k',
  baseUrl: null,
  priority: 1,
  isActive: true,
  createdAt: 0,
  updatedAt: 0,
});

const snapshot = (providerModels: ProviderModelRecord[]) =>
  buildConfigSnapshot({
    catalog: providerCatalog,
    nodes: [],
    connections: [connection('openai'), connection('openrouter')],
    providerModels,
  });

describe('model settings in the config snapshot', () => {
  it('puts user prices where routing reads them, without touching the frozen catalog', () => {
    const pricing = { input: 0.01, output: 0.02 };
    const built = snapshot([setting({ provider: 'openai', model: 'gpt-4.1', pricing })]);
    expect(resolveModel('openai/gpt-4.1', built).definition?.pricing).toEqual(pricing);
    expect(resolveModel('openai/gpt-4.1', snapshot([])).definition?.pricing).toMatchObject({ input: 2, output: 8 });
    expect(
      providerCatalog.find((provider) => provider.id === 'openai')?.models.find((m) => m.id === 'gpt-4.1'),
    ).toMatchObject({ pricing: { input: 2 } });
  });

  it('adds custom models, which bare ids then infer', () => {
    const built = snapshot([
      setting({ provider: 'openai', model: 'gpt-next', custom: true, type: 'chat', contextLength: 5000 }),
    ]);
    const resolved = resolveModel('gpt-next', built);
    expect(resolved.provider.id).toBe('openai');
    expect(resolved.definition).toMatchObject({ id: 'gpt-next', type: 'chat', contextLength: 5000 });
  });

  it('keeps hidden models callable by provider/model but out of bare-id inference', () => {
    const built = snapshot([setting({ provider: 'openai', model: 'gpt-4.1', hidden: true })]);
    expect(built.hiddenModels.has(modelKey('openai', 'gpt-4.1'))).toBe(true);
    expect(resolveModel('openai/gpt-4.1', built).definition?.id).toBe('gpt-4.1');
    expect(built.providersByModel.get('gpt-4.1')).toBeUndefined();
    expect(() => resolveModel('gpt-4.1', built)).toThrow(/not found/);
  });
});
