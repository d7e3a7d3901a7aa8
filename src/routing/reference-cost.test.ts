import { describe, expect, it } from 'vitest';
import { testConnection } from '../../test/helpers/connection-record.js';
import { providerCatalog } from '../providers/catalog/index.js';
import type { Combo } from './combo.js';
import { planCombo } from './combo-plan.js';
import { ComboStrategyState } from './combo-strategy-state.js';
import { buildConfigSnapshot } from './config-snapshot.js';
import { referenceCost } from './reference-cost.js';

const connection = (provider: string) => testConnection(provider);

const snapshot = buildConfigSnapshot({
  catalog: providerCatalog,
  nodes: [],
  connections: ['openai', 'gemini', 'groq', 'deepgram', 'together'].map(connection),
});

/** The target models of a cost-optimized combo, in the order a request tries them. */
const cheapestFirst = (models: string[]): string[] => {
  const combo: Combo = {
    id: 'c',
    name: 'c',
    strategy: 'cost-optimized',
    targets: models.map((model) => ({ model })),
    config: {},
    createdAt: 0,
    updatedAt: 0,
  };
  return planCombo(combo, snapshot, new ComboStrategyState()).map((target) => target.model);
};

describe('referenceCost', () => {
  it('prices one reference request of the model’s own kind, in USD', () => {
    expect(referenceCost({ type: 'image', pricing: { input: 0, output: 0, perImage: 0.04 } })).toBeCloseTo(0.04);
    expect(referenceCost({ type: 'transcription', pricing: { input: 0, output: 0, perMinute: 0.006 } })).toBeCloseTo(
      0.006,
    );
    // gpt-image-1: a short prompt and one image's output tokens.
    expect(referenceCost({ type: 'image', pricing: { input: 5, output: 40 } })).toBeCloseTo(0.0521);
    expect(referenceCost({ type: 'chat', pricing: { input: 1, output: 3 } })).toBeCloseTo(0.004);
  });

  it('puts a model without a price after every priced one, and a free one first', () => {
    expect(referenceCost({ type: 'image' })).toBe(Number.POSITIVE_INFINITY);
    expect(referenceCost(undefined)).toBe(Number.POSITIVE_INFINITY);
    expect(referenceCost({ type: 'chat', pricing: { input: 0, output: 0 } })).toBe(0);
  });
});

describe('cost-optimized combos of media models', () => {
  it('no longer takes a per-image model as free: the dearer image comes after the cheaper token-billed one', () => {
    // dall-e-3 $0.04 an image, Imagen 4 Fast $0.02, gpt-image-1-mini ≈ $0.0105 (token-billed); FLUX has no price.
    expect(
      cheapestFirst([
        'together/black-forest-labs/flux-schnell',
        'openai/dall-e-3',
        'gemini/imagen-4.0-fast-generate-001',
        'openai/gpt-image-1-mini',
      ]),
    ).toEqual([
      'openai/gpt-image-1-mini',
      'gemini/imagen-4.0-fast-generate-001',
      'openai/dall-e-3',
      'together/black-forest-labs/flux-schnell',
    ]);
  });

  it('ranks per-minute and token-billed transcription models by the cost of a minute of audio', () => {
    // whisper-1 $0.006/min, Deepgram nova-3 $0.0043, gpt-4o-mini-transcribe ≈ $0.004, Groq turbo $0.000667.
    expect(
      cheapestFirst([
        'openai/whisper-1',
        'deepgram/nova-3',
        'openai/gpt-4o-mini-transcribe',
        'groq/whisper-large-v3-turbo',
      ]),
    ).toEqual(['groq/whisper-large-v3-turbo', 'openai/gpt-4o-mini-transcribe', 'deepgram/nova-3', 'openai/whisper-1']);
  });

  it('keeps the chat order of input + output token prices', () => {
    expect(cheapestFirst(['openai/gpt-5', 'openai/gpt-5-nano', 'openai/gpt-5-mini'])).toEqual([
      'openai/gpt-5-nano',
      'openai/gpt-5-mini',
      'openai/gpt-5',
    ]);
  });
});
