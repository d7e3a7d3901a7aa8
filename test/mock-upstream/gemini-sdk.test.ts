import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.mjs';

let mock: MockUpstream;
let ai: GoogleGenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  ai = new GoogleGenAI({ apiKey: 'gemini-test', httpOptions: { baseUrl: mock.url } });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const model = 'gemini-2.5-flash';
const weatherTools = [
  {
    functionDeclarations: [
      {
        name: 'get_weather',
        parametersJsonSchema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
      },
      { name: 'get_time', parametersJsonSchema: { type: 'object', properties: {} } },
    ],
  },
];

describe('gemini generateContent', () => {
  it('answers text with usageMetadata, cached tokens and the key in x-goog-api-key', async () => {
    const response = await ai.models.generateContent({ model, contents: 'Hello Gemini [[mock:cached=3]]' });
    expect(response.text).toBe('Mock gemini reply to: Hello Gemini [[mock:cached=3]]');
    expect(response.modelVersion).toBe(model);
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 8,
      candidatesTokenCount: 7,
      totalTokenCount: 15,
      cachedContentTokenCount: 3,
    });
    expect(mock.requests[0]?.path).toBe(`/v1beta/models/${model}:generateContent`);
    expect(mock.requests[0]?.headers['x-goog-api-key']).toBe('gemini-test');
  });

  it('streams SSE chunks with usage in the last one', async () => {
    const chunks = [];
    for await (const chunk of await ai.models.generateContentStream({ model, contents: 'Stream Gemini' })) {
      chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe('Mock gemini reply to: Stream Gemini');
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.usageMetadata?.candidatesTokenCount).toBe(6);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usageMetadata === undefined)).toBe(true);
    expect(mock.requests[0]?.path).toBe(`/v1beta/models/${model}:streamGenerateContent?alt=sse`);
  });

  it('returns thought parts with a signature and counts thought tokens', async () => {
    const response = await ai.models.generateContent({
      model,
      contents: 'Think about it',
      config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } },
    });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(parts[0]).toMatchObject({ text: 'Mock reasoning about: Think about it', thought: true });
    expect(parts[0]?.thoughtSignature).toEqual(expect.any(String));
    expect(response.text).toBe('Mock gemini reply to: Think about it');
    expect(response.usageMetadata?.thoughtsTokenCount).toBe(6);

    const streamed = [];
    const stream = await ai.models.generateContentStream({
      model,
      contents: 'Think about it',
      config: { thinkingConfig: { includeThoughts: true } },
    });
    for await (const chunk of stream) streamed.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
    const thoughts = streamed.filter((part) => part.thought === true);
    expect(thoughts.length).toBeGreaterThan(1);
    expect(thoughts.map((part) => part.text).join('')).toBe('Mock reasoning about: Think about it');
  });

  it('calls functions without ids, and answers a function response', async () => {
    const response = await ai.models.generateContent({
      model,
      contents: 'Weather in Paris? [[mock:parallel]]',
      config: { tools: weatherTools },
    });
    expect(response.functionCalls).toEqual([
      { name: 'get_weather', args: { location: 'Paris' } },
      { name: 'get_time', args: {} },
    ]);

    const answer = await ai.models.generateContent({
      model,
      config: { tools: weatherTools },
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { location: 'Paris' } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { result: 'foggy' } } }] },
      ],
    });
    expect(answer.text).toBe('Mock gemini got tool result: foggy');
  });
});

describe('gemini embeddings, tokens, models, errors', () => {
  it('embeds (through batchEmbedContents), counts tokens and lists models', async () => {
    const embedded = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['first text', 'second text'],
      config: { outputDimensionality: 16 },
    });
    expect(embedded.embeddings?.map((embedding) => embedding.values?.length)).toEqual([16, 16]);
    expect(mock.requests[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');

    const tokens = await ai.models.countTokens({ model, contents: 'twelve chars' });
    expect(tokens.totalTokens).toBe(3);

    const names: string[] = [];
    for await (const listed of await ai.models.list()) names.push(listed.name ?? '');
    expect(names).toContain('models/gemini-2.5-flash');
  });

  it('reports errors in the Gemini shape', async () => {
    mock.enqueueFault({ status: 429, retryAfter: 7 }, { model });
    const error = await ai.models.generateContent({ model, contents: 'Hi' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error instanceof ApiError && error.status).toBe(429);
    expect(error instanceof ApiError && JSON.parse(error.message)).toMatchObject({
      error: { code: 429, status: 'RESOURCE_EXHAUSTED' },
    });
  });

  it('accepts the key as ?key= and refuses a request without one', async () => {
    const body = JSON.stringify({ contents: [{ parts: [{ text: 'Hi' }] }] });
    const headers = { 'content-type': 'application/json' };
    const url = `${mock.url}/v1beta/models/${model}:generateContent`;
    expect((await fetch(`${url}?key=abc`, { method: 'POST', body, headers })).status).toBe(200);
    const refused = await fetch(url, { method: 'POST', body, headers });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
  });
});
