import OpenAI from 'openai';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestLogs } from '../../helpers/gateway-harness.js';
import { createKey } from '../governance/governance-setup.js';
import { cacheGatewayPerFile, chatBody } from './cache-setup.js';

// The mock embeds by hashing words (case and punctuation ignored): the same words in another order or case embed
// alike (similarity 1) while the exact tier, which hashes the raw text, misses.
const gateway = cacheGatewayPerFile();
let client: OpenAI;
const semanticOn = { enabled: true, embeddingModel: 'openai/text-embedding-3-small', threshold: 0.9 };

function clientWith(apiKey: string): OpenAI {
  return new OpenAI({ baseURL: `${gateway.harness.url}/v1`, apiKey, maxRetries: 0 });
}

async function chat(body: OpenAI.ChatCompletionCreateParamsNonStreaming, via: OpenAI = client) {
  const { data, response } = await via.chat.completions.create(body).withResponse();
  return { text: data.choices[0]?.message.content, headers: response.headers };
}

async function setSemantic(semantic: Record<string, unknown>) {
  const { status, body } = await gateway.harness.manage('PATCH', '/api/settings', { cache: { semantic } });
  expect(status, JSON.stringify(body)).toBe(200);
}

const callsTo = (suffix: string) => gateway.mock.requests.filter((request) => request.path.endsWith(suffix)).length;
const chatCalls = () => callsTo('/chat/completions');
const embeddingCalls = () => callsTo('/embeddings');

const weatherTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: { name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } },
};

beforeAll(() => {
  client = clientWith('anything');
});

describe('semantic cache tier: off by default', () => {
  it('does not embed prompts nor answer similar ones until switched on', async () => {
    const { body } = await gateway.harness.manage('GET', '/api/settings');
    expect(body.cache.semantic).toMatchObject({ enabled: false, threshold: 0.95, maxEntries: 2000 });
    await chat(chatBody('Semantic off: what is the capital of France?'));
    const second = await chat(chatBody('semantic OFF what is the capital of france'));
    expect(second.headers.get('x-omniroute-cache')).toBe('MISS');
    expect(chatCalls()).toBe(2);
    expect(embeddingCalls()).toBe(0);
  });

  it('refuses switching on without an embedding model, naming the field', async () => {
    const { status, body } = await gateway.harness.manage('PATCH', '/api/settings', {
      cache: { semantic: { enabled: true } },
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('embeddingModel');
  });
});

describe('semantic cache tier: on', () => {
  beforeEach(async () => {
    await setSemantic(semanticOn);
  });

  it('answers a near-identical prompt from the cache without a second chat call, and stores once', async () => {
    const first = await chat(chatBody('What is the capital of France?'));
    expect(first.headers.get('x-omniroute-cache')).toBe('MISS');
    const second = await chat(chatBody('what IS the capital of France ... ?'));
    expect(second.headers.get('x-omniroute-cache')).toBe('HIT');
    expect(second.headers.get('x-omniroute-cache-kind')).toBe('semantic');
    expect(Number(second.headers.get('x-omniroute-cache-similarity'))).toBeGreaterThanOrEqual(0.9);
    // The first prompt's answer: the mock echoes the prompt it was asked.
    expect(second.text).toBe(first.text);
    expect(chatCalls()).toBe(1);
    // One embedding per prompt: the miss's embedding was reused for the store.
    expect(embeddingCalls()).toBe(2);

    const { body } = await gateway.harness.manage('GET', '/api/cache');
    expect(body.semanticCache.semantic).toMatchObject({ enabled: true, entries: 1, hits: 1, misses: 1 });
    expect(body.semanticCache).toHaveProperty('memorySize');
    const rows = await requestLogs(gateway.harness);
    expect(rows.filter((row) => row.cache_status === 'semantic-embed')).toHaveLength(2);

    expect((await gateway.harness.manage('DELETE', '/api/cache')).status).toBeLessThan(300);
    const cleared = await gateway.harness.manage('GET', '/api/cache');
    expect(cleared.body.semanticCache.semantic).toMatchObject({ entries: 0, hits: 0 });
  });

  it('misses a different prompt', async () => {
    await chat(chatBody('What is the capital of France?'));
    const other = await chat(chatBody('Explain how volcanoes erupt underwater'));
    expect(other.headers.get('x-omniroute-cache')).toBe('MISS');
    expect(other.text).toContain('volcanoes');
    expect(chatCalls()).toBe(2);
  });

  it('never answers across different tools', async () => {
    await chat(chatBody('What is the weather in Paris?'));
    const withTools = await chat(chatBody('what is the weather in Paris', { tools: [weatherTool] }));
    expect(withTools.headers.get('x-omniroute-cache')).toBe('MISS');
    expect(chatCalls()).toBe(2);
  });

  it('never answers across API keys', async () => {
    const alice = await createKey(gateway.harness, { name: 'semantic-alice' });
    const bob = await createKey(gateway.harness, { name: 'semantic-bob' });
    await chat(chatBody('Tell me the secret plan of Alice'), clientWith(alice.key));
    const asBob = await chat(chatBody('tell me the secret plan of alice'), clientWith(bob.key));
    expect(asBob.headers.get('x-omniroute-cache')).toBe('MISS');
    const asAlice = await chat(chatBody('tell me the secret plan of alice'), clientWith(alice.key));
    expect(asAlice.headers.get('x-omniroute-cache')).toBe('HIT');
    expect(chatCalls()).toBe(2);
  });

  it('fails open: an embeddings upstream failing gives a normal answer', async () => {
    gateway.mock.enqueueFault({ status: 500 }, { path: '/v1/embeddings' });
    const answer = await chat(chatBody('Does the cache fail open?'));
    expect(answer.headers.get('x-omniroute-cache')).toBe('MISS');
    expect(answer.text).toContain('Does the cache fail open?');
    expect(chatCalls()).toBe(1);
    const { body } = await gateway.harness.manage('GET', '/api/cache');
    expect(body.semanticCache.semantic.embedErrors).toBe(1);
    // The failed prompt was not stored (no embedding); the next one works again.
    await chat(chatBody('Does the cache fail open now?'));
    expect(chatCalls()).toBe(2);
  });
});
