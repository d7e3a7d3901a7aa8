import { describe, expect, it } from 'vitest';
import { providerCatalog } from '../providers/catalog/index.js';
import type { PlannedTarget } from '../routing/combo-plan.js';
import { buildConfigSnapshot } from '../routing/config-snapshot.js';
import { resolveModel } from '../routing/resolve-model.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import { embeddingOperation } from './embeddings/embedding-operation.js';
import { servableTargets } from './servable-targets.js';

const connection = (provider: string) => ({ id: provider, provider, isActive: true, priority: 1 }) as ConnectionRecord;
const snapshot = buildConfigSnapshot({
  catalog: providerCatalog,
  nodes: [],
  connections: ['openai', 'anthropic', 'ollama'].map(connection),
});
const planned = (...models: string[]): PlannedTarget[] =>
  models.map((model, index) => ({ model, resolved: resolveModel(model, snapshot), combo: 'c', index }));

describe('servableTargets', () => {
  it('keeps embedding models and models the catalog does not know', () => {
    const targets = servableTargets(
      planned('openai/text-embedding-3-small', 'ollama/nomic-embed-text'),
      embeddingOperation,
      '/v1/embeddings',
    );
    expect(targets.every((target) => target.resolved !== undefined)).toBe(true);
  });

  it('marks wrong-type and adapter-less targets unresolved so a combo moves on', () => {
    const targets = servableTargets(
      planned('openai/gpt-4.1', 'openai/text-embedding-3-small'),
      embeddingOperation,
      '/v1/embeddings',
    );
    expect(targets[0]?.resolved).toBeUndefined();
    expect(targets[0]?.unresolved?.message).toContain('is a chat model; /v1/embeddings needs an embedding model');
    expect(targets[1]?.resolved?.model).toBe('text-embedding-3-small');
  });

  it('answers 400 when no target can serve the operation', () => {
    expect(() => servableTargets(planned('anthropic/some-new-model'), embeddingOperation, '/v1/embeddings')).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringContaining('no embedding adapter for Anthropic') }),
    );
  });
});
