import { describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.js';
import { type CacheSettings, defaultCacheSettings } from './cache-settings.js';
import type { CachedAnswer, CacheLookup } from './cached-answer.js';
import type { EmbedPrompt } from './embed-prompt.js';
import { SemanticCacheTier } from './semantic-tier.js';

const settings: CacheSettings = {
  ...defaultCacheSettings,
  semantic: { enabled: true, embeddingModel: 'openai/text-embedding-3-small', threshold: 0.9, maxEntries: 2 },
};

// Each known text gets its own axis: equal texts are similar (1), different ones are not (0).
const axes = ['alpha', 'beta', 'gamma'];
const byAxis: EmbedPrompt = async ({ text }) => axes.map((axis) => (text === axis ? 1 : 0));

function tier(embed: EmbedPrompt = byAxis, timeoutMs?: number) {
  return new SemanticCacheTier({ settings: () => settings, embed, logger: silentLogger(), timeoutMs });
}

function lookupOf(text: string, partition = 'p'): CacheLookup {
  return {
    key: `${partition}:${text}`,
    space: 'k',
    semantic: { text, partition, keyId: undefined, signal: new AbortController().signal },
  };
}

function answerOf(text: string): CachedAnswer {
  return {
    response: { id: '', model: 'm', content: [{ type: 'text', text }], finishReason: 'stop' },
    provider: 'openai',
    model: 'm',
    costNano: 1,
  } as CachedAnswer;
}

async function remember(cache: SemanticCacheTier, text: string) {
  const lookup = lookupOf(text);
  expect(await cache.lookup(lookup)).toBeUndefined();
  cache.store(lookup, answerOf(text));
  // The store waits on the embedding computed by the lookup.
  await new Promise((resolve) => setImmediate(resolve));
}

describe('SemanticCacheTier', () => {
  it('keeps at most maxEntries prompts, dropping the least recently used', async () => {
    const cache = tier();
    await remember(cache, 'alpha');
    await remember(cache, 'beta');
    expect(await cache.lookup(lookupOf('alpha'))).toMatchObject({ similarity: 1 });
    await remember(cache, 'gamma');
    expect(await cache.stats()).toMatchObject({ entries: 2 });
    expect(await cache.lookup(lookupOf('beta'))).toBeUndefined();
    expect(await cache.lookup(lookupOf('alpha'))).toBeDefined();
  });

  it('only matches within the same partition', async () => {
    const cache = tier();
    await remember(cache, 'alpha');
    expect(await cache.lookup(lookupOf('alpha', 'other tools'))).toBeUndefined();
  });

  it('treats an embedding that does not answer in time as a miss', async () => {
    const never: EmbedPrompt = ({ signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const cache = tier(never, 10);
    expect(await cache.lookup(lookupOf('alpha'))).toBeUndefined();
    expect(await cache.stats()).toMatchObject({ embedErrors: 1, entries: 0 });
  });
});
