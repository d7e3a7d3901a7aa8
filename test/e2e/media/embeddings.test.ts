import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingRig } from '../routing/routing-setup.js';
import {
  createCombo,
  decodeFloat32,
  lastLogRow,
  postJson,
  resetRouting,
  routeOf,
  startMediaRig,
} from './media-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startMediaRig();
  await createCombo(rig.harness, {
    name: 'embed-fallback',
    models: ['openai/text-embedding-3-small', 'gemini/gemini-embedding-001'],
  });
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
});

describe('POST /v1/embeddings to OpenAI-format upstreams', () => {
  it('embeds a string as floats with the openai SDK and logs usage and cost', async () => {
    const answer = await rig.client.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: 'the quick brown fox',
      encoding_format: 'float',
    });
    expect(answer.data).toHaveLength(1);
    expect(answer.data[0]?.embedding).toHaveLength(64);
    expect(answer.usage.prompt_tokens).toBe(5);
    expect(rig.mock.requests[0]).toMatchObject({
      path: '/v1/embeddings',
      body: { model: 'text-embedding-3-small', input: 'the quick brown fox' },
    });
    const row = await lastLogRow(rig);
    expect(row).toMatchObject({
      route: '/v1/embeddings',
      provider: 'openai',
      model: 'text-embedding-3-small',
      status: 200,
      input_tokens: 5,
      attempts: 1,
      priced: true,
    });
    // 5 tokens at $0.02 per million.
    expect(row.cost_usd).toBeCloseTo(5 * 0.02e-6, 12);
  });

  it("decodes base64 (the SDK's default encoding) to the same vector as float", async () => {
    const input = 'same text either way';
    const floats = await rig.client.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input,
      encoding_format: 'float',
    });
    // The SDK asks for base64 when no encoding is given and decodes it itself.
    const decoded = await rig.client.embeddings.create({ model: 'openai/text-embedding-3-small', input });
    expect(rig.mock.requests[1]?.body).toMatchObject({ encoding_format: 'base64' });
    const expected = floats.data[0]?.embedding ?? [];
    expect(decoded.data[0]?.embedding).toHaveLength(64);
    for (const [index, value] of (decoded.data[0]?.embedding ?? []).entries())
      expect(value).toBeCloseTo(expected[index] ?? NaN, 5);
  });

  it('honours dimensions, arrays of strings and token-id arrays', async () => {
    const answer = await rig.client.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: ['first text', 'second text'],
      dimensions: 16,
      encoding_format: 'float',
    });
    expect(answer.data.map((item) => [item.index, item.embedding.length])).toEqual([
      [0, 16],
      [1, 16],
    ]);
    const tokens = await rig.client.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: [
        [1, 2, 3],
        [4, 5],
      ],
      encoding_format: 'float',
    });
    expect(tokens.data).toHaveLength(2);
    expect(rig.mock.requests[1]?.body).toMatchObject({
      input: [
        [1, 2, 3],
        [4, 5],
      ],
    });
  });

  it('refuses a chat model with a 400 naming the model type, and logs the refusal', async () => {
    const answer = await postJson(rig, '/v1/embeddings', { model: 'openai/gpt-4.1', input: 'hi' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ type: 'invalid_request_error', param: 'model' });
    expect(answer.body.error.message).toContain("'openai/gpt-4.1' is a chat model");
    expect(answer.body.error.message).toContain('needs an embedding model');
    expect(rig.mock.requests).toHaveLength(0);
    expect(await lastLogRow(rig)).toMatchObject({ route: '/v1/embeddings', status: 400 });
  });

  it('names the bad field of an invalid body', async () => {
    const missing = await postJson(rig, '/v1/embeddings', { model: 'openai/text-embedding-3-small' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.param).toBe('input');
    const encoding = await postJson(rig, '/v1/embeddings', { model: 'x', input: 'a', encoding_format: 'hex' });
    expect(encoding.body.error.param).toBe('encoding_format');
  });
});

describe('POST /v1/embeddings to native upstreams', () => {
  it('calls Gemini embedContent for one input and answers in the OpenAI shape', async () => {
    const answer = await rig.client.embeddings.create({
      model: 'gemini/gemini-embedding-001',
      input: 'one gemini text',
      dimensions: 8,
      encoding_format: 'float',
    });
    expect(answer).toMatchObject({ object: 'list', model: 'gemini-embedding-001', usage: { prompt_tokens: 4 } });
    expect(answer.data[0]?.embedding).toHaveLength(8);
    expect(rig.mock.requests[0]).toMatchObject({
      path: '/v1beta/models/gemini-embedding-001:embedContent',
      body: { content: { parts: [{ text: 'one gemini text' }] }, outputDimensionality: 8 },
    });
  });

  it('calls batchEmbedContents for a list and base64-encodes when asked', async () => {
    const input = ['alpha text', 'beta text'];
    const floats = await rig.client.embeddings.create({
      model: 'gemini/gemini-embedding-001',
      input,
      encoding_format: 'float',
    });
    const raw = await postJson(rig, '/v1/embeddings', {
      model: 'gemini/gemini-embedding-001',
      input,
      encoding_format: 'base64',
    });
    expect(rig.mock.requests[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(typeof raw.body.data[1].embedding).toBe('string');
    const decoded = decodeFloat32(raw.body.data[1].embedding);
    const expected = floats.data[1]?.embedding ?? [];
    for (const [index, value] of (decoded ?? []).entries()) expect(value).toBeCloseTo(expected[index] ?? NaN, 5);
  });

  it('refuses token ids for Gemini, naming the input', async () => {
    const answer = await postJson(rig, '/v1/embeddings', { model: 'gemini/gemini-embedding-001', input: [1, 2, 3] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.param).toBe('input');
    expect(answer.body.error.message).toContain('text only');
  });

  it('calls Ollama /api/embed', async () => {
    const answer = await rig.client.embeddings.create({
      model: 'ollama/nomic-embed-text',
      input: ['local one', 'local two'],
      encoding_format: 'float',
    });
    expect(answer.data).toHaveLength(2);
    expect(rig.mock.requests[0]).toMatchObject({
      path: '/api/embed',
      body: { model: 'nomic-embed-text', input: ['local one', 'local two'] },
    });
  });
});

describe('routing', () => {
  it('falls back across a combo of embedding models on a 429', async () => {
    rig.mock.enqueueFault({ status: 429 }, { path: '/v1/embeddings' });
    const response = await rig.client.embeddings
      .create({ model: 'embed-fallback', input: 'fall back please', encoding_format: 'float' })
      .withResponse();
    expect(response.data.data[0]?.embedding).toHaveLength(64);
    expect(rig.mock.requests.map((request) => request.path)).toEqual([
      '/v1/embeddings',
      '/v1beta/models/gemini-embedding-001:embedContent',
    ]);
    expect(routeOf(response.response.headers)).toMatchObject({
      combo: 'embed-fallback',
      provider: 'gemini',
      attempts: '2',
    });
    expect(await lastLogRow(rig)).toMatchObject({
      combo: 'embed-fallback',
      provider: 'gemini',
      attempts: 2,
      status: 200,
    });
  });

  it('lists embedding models (and embedding combos) on GET /v1/embeddings', async () => {
    const response = await fetch(`${rig.harness.url}/v1/embeddings`);
    const list: any = await response.json();
    const ids = list.data.map((entry: { id: string }) => entry.id);
    expect(ids).toEqual(
      expect.arrayContaining(['openai/text-embedding-3-small', 'gemini/gemini-embedding-001', 'embed-fallback']),
    );
    expect(ids).not.toContain('openai/gpt-4.1');
    expect(list.data.every((entry: { type: string }) => entry.type === 'embedding' || entry.type === 'combo')).toBe(
      true,
    );
  });
});

describe('Gemini-native embeddings with @google/genai', () => {
  it('embeds through the gateway and routes to any provider', async () => {
    const ai = new GoogleGenAI({ apiKey: 'client', httpOptions: { baseUrl: rig.harness.url } });
    const gemini = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['first text', 'second text'],
      config: { outputDimensionality: 16 },
    });
    expect(gemini.embeddings?.map((embedding) => embedding.values?.length)).toEqual([16, 16]);
    expect(rig.mock.requests[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');

    // A bare OpenAI model id behind the Gemini API: routed like any other request.
    const openai = await ai.models.embedContent({ model: 'text-embedding-3-small', contents: 'via openai' });
    expect(openai.embeddings?.[0]?.values).toHaveLength(64);
    expect(rig.mock.requests[1]).toMatchObject({ path: '/v1/embeddings', body: { input: ['via openai'] } });
  });

  it('answers errors in the Gemini shape', async () => {
    const ai = new GoogleGenAI({ apiKey: 'client', httpOptions: { baseUrl: rig.harness.url } });
    const error = await ai.models
      .embedContent({ model: 'gemini-2.5-flash', contents: 'not an embedding model' })
      .catch((caught: unknown) => caught);
    expect(String(error)).toContain('needs an embedding model');
    const raw = await postJson(rig, '/v1beta/models/gemini-2.5-flash:embedContent', {
      content: { parts: [{ text: 'x' }] },
    });
    expect(raw.status).toBe(400);
    expect(raw.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
  });
});
