import { describe, expect, it } from 'vitest';
import { testConnection } from '../../test/helpers/connection-record.js';
import { providerCatalog } from '../providers/catalog/index.js';
import { assertResolvable } from './combo-plan.js';
import { buildConfigSnapshot } from './config-snapshot.js';
import { resolveModel } from './resolve-model.js';

const connection = (provider: string) => testConnection(provider);

const snapshotWith = (...providers: string[]) =>
  buildConfigSnapshot({ catalog: providerCatalog, nodes: [], connections: providers.map(connection) });

describe('resolveModel', () => {
  it('splits provider/model at the first slash when that provider is connected', () => {
    const resolved = resolveModel('openai/gpt-4o-mini', snapshotWith('openai', 'openrouter'));
    expect(resolved).toMatchObject({ provider: { id: 'openai' }, model: 'gpt-4o-mini' });
  });

  it('reads an aggregator id whose prefix names an unconnected provider as a bare catalog id', () => {
    const resolved = resolveModel('openai/gpt-4o-mini', snapshotWith('openrouter'));
    expect(resolved).toMatchObject({ provider: { id: 'openrouter' }, model: 'openai/gpt-4o-mini' });
    expect(() => resolveModel('openai/gpt-4o-mini', snapshotWith('openrouter', 'github'))).toThrow(
      /several connected providers.*or\/openai\/gpt-4o-mini or github\/openai\/gpt-4o-mini/,
    );
  });

  it('keeps the prefix meaning when nobody offers the whole id', () => {
    expect(() => resolveModel('groq/llama-3.3-70b-versatile', snapshotWith('openai'))).not.toThrow();
    expect(resolveModel('groq/llama-3.3-70b-versatile', snapshotWith('openai')).provider.id).toBe('groq');
  });

  it('validates saved targets as if every provider were connected', () => {
    expect(() => assertResolvable('openai/gpt-4o-mini', snapshotWith(), 'Target', 'models')).not.toThrow();
    expect(() => assertResolvable('no-such-model', snapshotWith(), 'Target', 'models')).toThrow(/Target:/);
  });
});
