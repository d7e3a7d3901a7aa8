import { describe, expect, it } from 'vitest';
import { providerCatalog } from '../providers/catalog/index.js';
import { buildConfigSnapshot } from '../routing/config-snapshot.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import { pinModelToProvider } from './pin-model-to-provider.js';

const connection = (provider: string) => ({ id: provider, provider, isActive: true, priority: 1 }) as ConnectionRecord;
const snapshot = buildConfigSnapshot({
  catalog: providerCatalog,
  nodes: [],
  connections: [connection('openai'), connection('openrouter')],
});
const pin = (provider: string, model: unknown) =>
  (pinModelToProvider({ model, input: 'x' }, provider, snapshot) as { model: string }).model;

describe('pinModelToProvider', () => {
  it('adds the prefix when missing and keeps other fields', () => {
    expect(pinModelToProvider({ model: 'gpt-4.1', input: 'x' }, 'openai', snapshot)).toEqual({
      model: 'openai/gpt-4.1',
      input: 'x',
    });
    expect(pin('openai', 'openai/gpt-4.1')).toBe('openai/gpt-4.1');
  });

  it('accepts an alias and keeps slashed ids of aggregators', () => {
    expect(pin('or', 'openai/gpt-4o')).toBe('openrouter/openai/gpt-4o');
    expect(pin('or', 'or/openai/gpt-4o')).toBe('or/openai/gpt-4o');
    expect(pin('openai', 'some-org/custom-model')).toBe('openai/some-org/custom-model');
  });

  it("refuses another provider's model, an unknown provider and a missing model", () => {
    expect(() => pin('openai', 'gemini/gemini-2.5-flash')).toThrow(/belongs to provider 'gemini'.*'openai'/);
    expect(() => pin('nowhere', 'gpt-4.1')).toThrow(expect.objectContaining({ code: 'provider_not_found' }));
    expect(() => pin('openai', '')).toThrow(expect.objectContaining({ code: 'invalid_request', param: 'model' }));
    expect(() => pinModelToProvider('text', 'openai', snapshot)).toThrow(/model is required/);
  });
});
