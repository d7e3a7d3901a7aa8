import { describe, expect, it } from 'vitest';
import {
  findModel,
  findProvider,
  ProviderCatalogError,
  type ProviderDefinition,
  parseProviderCatalog,
  providerCatalog,
  providerDefinitionSchema,
  providersForModel,
} from './index.js';

const requiredProviderIds = [
  'openai',
  'anthropic',
  'gemini',
  'openrouter',
  'groq',
  'mistral',
  'deepseek',
  'xai',
  'together',
  'fireworks',
  'nebius',
  'nvidia',
  'cerebras',
  'perplexity',
  'github',
  'ollama',
  'lm-studio',
  'vllm',
];

/** Prefixes kept for the subscription providers (Claude Code, Codex, Copilot, Gemini CLI, Qwen, ...). */
const reservedAliases = ['cc', 'cx', 'gh', 'gc', 'qw', 'kr', 'cu', 'if', 'kc', 'cl', 'kmc', 'agy'];

const validEntry: ProviderDefinition = {
  id: 'example',
  name: 'Example',
  category: 'api',
  kind: 'api-key',
  format: 'openai',
  baseUrl: 'https://api.example.com/v1',
  authStyle: 'bearer',
  apiKeyRequired: true,
  models: [{ id: 'example-1', type: 'chat', pricing: { input: 1, output: 2 } }],
};

describe('provider catalog data', () => {
  it('contains every required provider', () => {
    const ids = providerCatalog.map((provider) => provider.id);
    expect(ids).toEqual(expect.arrayContaining(requiredProviderIds));
  });

  it('gives every id and alias to one provider only', () => {
    const prefixes = providerCatalog.flatMap((provider) =>
      provider.alias === undefined ? [provider.id] : [provider.id, provider.alias],
    );
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('keeps the aliases of subscription providers for subscription providers', () => {
    const taken = providerCatalog.filter((provider) => provider.alias && reservedAliases.includes(provider.alias));
    expect(taken.every((provider) => provider.category === 'subscription')).toBe(true);
    expect(findProvider('cc')?.id).toBe('claude-code');
    const aliases = providerCatalog.map((provider) => provider.alias).filter((alias) => alias !== undefined);
    expect(aliases).toEqual(expect.arrayContaining(['ds', 'or', 'pplx']));
  });

  it('reaches every non-local provider over https and local ones on the loopback address', () => {
    for (const provider of providerCatalog) {
      const { protocol, hostname } = new URL(provider.baseUrl);
      if (provider.kind === 'local') expect(hostname, provider.id).toBe('127.0.0.1');
      else expect(protocol, provider.id).toBe('https:');
    }
  });

  it('has non-negative prices on every priced model', () => {
    for (const provider of providerCatalog) {
      for (const { id, pricing } of provider.models) {
        if (!pricing) continue;
        for (const price of Object.values(pricing)) {
          expect(price, `${provider.id}/${id}`).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('lists no fixed models for local servers, and requires no key from them', () => {
    for (const provider of providerCatalog.filter((entry) => entry.kind === 'local')) {
      expect(provider.models, provider.id).toEqual([]);
      expect(provider.apiKeyRequired, provider.id).toBe(false);
    }
  });

  it('follows the base URL convention the adapters rely on', () => {
    expect(findProvider('openai')?.baseUrl).toBe('https://api.openai.com/v1');
    expect(findProvider('anthropic')?.headers).toEqual({ 'anthropic-version': '2023-06-01' });
    expect(findProvider('gemini')).toMatchObject({ format: 'gemini', authStyle: 'x-goog-api-key' });
    expect(findProvider('ollama')).toMatchObject({ format: 'ollama', baseUrl: 'http://127.0.0.1:11434' });
    expect(findProvider('perplexity')?.baseUrl).toBe('https://api.perplexity.ai');
  });

  it('cannot be changed at run time', () => {
    const openai = findProvider('openai')!;
    expect(Object.isFrozen(providerCatalog)).toBe(true);
    expect(Object.isFrozen(openai)).toBe(true);
    expect(Object.isFrozen(openai.models[0])).toBe(true);
  });
});

describe('lookups', () => {
  it('finds a provider by id and by alias, and nothing for an unknown prefix', () => {
    expect(findProvider('deepseek')?.name).toBe('DeepSeek');
    expect(findProvider('ds')).toBe(findProvider('deepseek'));
    expect(findProvider('or')?.id).toBe('openrouter');
    expect(findProvider('pplx')?.id).toBe('perplexity');
    expect(findProvider('nope')).toBeUndefined();
    expect(findProvider('gh')?.id).toBe('github-copilot');
  });

  it('finds a model through the provider id or alias', () => {
    expect(findModel('openai', 'gpt-4.1')).toMatchObject({ id: 'gpt-4.1', type: 'chat', contextLength: 1_047_576 });
    expect(findModel('ds', 'deepseek-reasoner')?.supportsReasoning).toBe(true);
    expect(findModel('together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo')?.type).toBe('chat');
    expect(findModel('openai', 'claude-sonnet-4-5')).toBeUndefined();
    expect(findModel('nope', 'gpt-4.1')).toBeUndefined();
  });

  it('lets a model override its provider wire format', () => {
    expect(findProvider('openai')?.format).toBe('openai');
    expect(findModel('openai', 'gpt-5-codex')?.format).toBe('openai-responses');
  });

  it('maps a model id back to every provider that lists it', () => {
    expect(providersForModel('gpt-4o').map((provider) => provider.id)).toEqual(['openai', 'github-copilot']);
    expect(providersForModel('claude-sonnet-4-5').map((provider) => provider.id)).toEqual(['anthropic', 'claude-code']);
    expect(providersForModel('openai/gpt-oss-120b').map((provider) => provider.id)).toEqual(
      expect.arrayContaining(['groq', 'together', 'nebius', 'openrouter', 'nvidia']),
    );
    expect(providersForModel('no-such-model')).toEqual([]);
  });

  it('returns a copy of the reverse index entry', () => {
    providersForModel('gpt-4o').push(findProvider('groq')!);
    expect(providersForModel('gpt-4o')).toHaveLength(2);
  });
});

describe('providerDefinitionSchema', () => {
  it('accepts a well-formed entry', () => {
    expect(providerDefinitionSchema.safeParse(validEntry).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a missing base URL', { baseUrl: undefined }],
    ['an unknown wire format', { format: 'soap' }],
    ['an unknown field', { baseURL: 'https://api.example.com/v1' }],
    ['an uppercase id', { id: 'Example' }],
    ['an id with a slash', { id: 'ex/ample' }],
    ['an alias equal to the id', { alias: 'example' }],
    ['plain http for a remote provider', { baseUrl: 'http://api.example.com/v1' }],
    ['a trailing slash on the base URL', { baseUrl: 'https://api.example.com/v1/' }],
    ['an api-key provider that requires no key', { apiKeyRequired: false }],
    ['stream usage on a non-OpenAI format', { format: 'anthropic', supportsStreamUsage: true }],
    ['a negative price', { models: [{ id: 'm', type: 'chat', pricing: { input: -1, output: 2 } }] }],
    ['a fractional context length', { models: [{ id: 'm', type: 'chat', contextLength: 1.5 }] }],
    ['an output cap above the context', { models: [{ id: 'm', type: 'chat', contextLength: 8, maxOutputTokens: 9 }] }],
    [
      'a duplicate model id',
      {
        models: [
          { id: 'm', type: 'chat' },
          { id: 'm', type: 'chat' },
        ],
      },
    ],
  ])('rejects %s', (_label, change) => {
    expect(providerDefinitionSchema.safeParse({ ...validEntry, ...change }).success).toBe(false);
  });

  it('allows plain http and no key for a local server', () => {
    const local = { ...validEntry, kind: 'local', apiKeyRequired: false, baseUrl: 'http://127.0.0.1:8080/v1' };
    expect(providerDefinitionSchema.safeParse(local).success).toBe(true);
  });
});

describe('parseProviderCatalog', () => {
  it('names the bad entry and the bad field', () => {
    const broken = { ...validEntry, id: 'broken', authStyle: 'cookie' };
    expect(() => parseProviderCatalog([validEntry, broken])).toThrow(ProviderCatalogError);
    expect(() => parseProviderCatalog([validEntry, broken])).toThrow(/#1 "broken"[\s\S]*authStyle/);
  });

  it('rejects an alias that collides with another provider id', () => {
    const clash = { ...validEntry, id: 'other', alias: 'example' };
    expect(() => parseProviderCatalog([validEntry, clash])).toThrow(/"other".*"example" is already taken by "example"/);
  });
});
