import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingRig } from '../routing/routing-setup.js';
import { lastLogRow, postJson, resetRouting, routeOf, startMediaRig } from './media-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startMediaRig();
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
});

const pngSignature = '89504e470d0a1a0a';

describe('POST /v1/images/generations to OpenAI-format upstreams', () => {
  it('answers URLs with the openai SDK and logs the per-image cost', async () => {
    const response = await rig.client.images
      .generate({ model: 'openai/dall-e-3', prompt: 'a red fox', n: 2, size: '1024x1024', response_format: 'url' })
      .withResponse();
    expect(response.data.data?.map((image) => image.url)).toEqual([
      `${rig.mock.url}/__mock/image.png`,
      `${rig.mock.url}/__mock/image.png`,
    ]);
    expect(response.data.data?.[0]?.revised_prompt).toBe('Mock image of: a red fox');
    expect(rig.mock.requests[0]).toMatchObject({
      path: '/v1/images/generations',
      body: { model: 'dall-e-3', prompt: 'a red fox', n: 2, size: '1024x1024', response_format: 'url' },
    });
    expect(response.response.headers.get('x-omniroute-provider')).toBe('openai');
    expect(Number(response.response.headers.get('x-omniroute-cost'))).toBeCloseTo(0.08, 10);
    const row = await lastLogRow(rig);
    expect(row).toMatchObject({ route: '/v1/images/generations', provider: 'openai', model: 'dall-e-3', priced: true });
    expect(row.cost_usd).toBeCloseTo(0.08, 10);
  });

  it('answers b64_json and passes other fields through', async () => {
    const answer = await rig.client.images.generate({
      model: 'openai/dall-e-3',
      prompt: 'a blue whale',
      response_format: 'b64_json',
      quality: 'hd',
      style: 'natural',
    });
    const bytes = Buffer.from(answer.data?.[0]?.b64_json ?? '', 'base64');
    expect(bytes.subarray(0, 8).toString('hex')).toBe(pngSignature);
    expect(rig.mock.requests[0]?.body).toMatchObject({ quality: 'hd', style: 'natural', response_format: 'b64_json' });
  });

  it('refuses an embedding model, a missing prompt and a streamed request with 400s', async () => {
    const wrongType = await postJson(rig, '/v1/images/generations', {
      model: 'openai/text-embedding-3-small',
      prompt: 'x',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toContain('needs an image model');
    const noPrompt = await postJson(rig, '/v1/images/generations', { model: 'openai/dall-e-3' });
    expect(noPrompt.body.error.param).toBe('prompt');
    const streamed = await postJson(rig, '/v1/images/generations', {
      model: 'openai/gpt-image-1',
      prompt: 'x',
      stream: true,
    });
    expect(streamed.body.error.param).toBe('stream');
    expect(rig.mock.requests).toHaveLength(0);
  });

  it('passes an upstream error through in the OpenAI shape', async () => {
    rig.mock.enqueueFault({ status: 400, body: { error: { message: 'prompt rejected by safety system' } } });
    const answer = await postJson(rig, '/v1/images/generations', { model: 'openai/dall-e-3', prompt: 'x' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('prompt rejected by safety system');
    expect(await lastLogRow(rig)).toMatchObject({ status: 400, provider: 'openai' });
  });
});

describe('Imagen (Gemini predict)', () => {
  it('calls models/{model}:predict and answers b64_json with the per-image cost', async () => {
    const response = await rig.client.images
      .generate({
        model: 'gemini/imagen-4.0-generate-001',
        prompt: 'a lighthouse',
        n: 2,
        size: '1792x1024',
        response_format: 'b64_json',
      })
      .withResponse();
    expect(response.data.data).toHaveLength(2);
    const bytes = Buffer.from(response.data.data?.[1]?.b64_json ?? '', 'base64');
    expect(bytes.subarray(0, 8).toString('hex')).toBe(pngSignature);
    expect(rig.mock.requests[0]).toMatchObject({
      path: '/v1beta/models/imagen-4.0-generate-001:predict',
      body: { instances: [{ prompt: 'a lighthouse' }], parameters: { sampleCount: 2, aspectRatio: '16:9' } },
    });
    expect(routeOf(response.response.headers)).toMatchObject({ provider: 'gemini', model: 'imagen-4.0-generate-001' });
    expect((await lastLogRow(rig)).cost_usd).toBeCloseTo(0.08, 10);
  });

  it('refuses more images than Imagen makes per request, naming n', async () => {
    const answer = await postJson(rig, '/v1/images/generations', {
      model: 'gemini/imagen-4.0-generate-001',
      prompt: 'many',
      n: 6,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ param: 'n', message: expect.stringContaining('at most 4') });
    expect(rig.mock.requests).toHaveLength(0);
  });

  it('gives a data: URL when a URL is asked for', async () => {
    const answer = await rig.client.images.generate({
      model: 'gemini/imagen-4.0-fast-generate-001',
      prompt: 'a cat',
      response_format: 'url',
    });
    expect(answer.data?.[0]?.url).toMatch(/^data:image\/png;base64,iVBOR/);
  });
});

describe("Gemini's own image models (generateContent)", () => {
  it('asks for IMAGE output once per image and bills the tokens', async () => {
    const answer = await rig.client.images.generate({
      model: 'gemini/gemini-2.5-flash-image',
      prompt: 'a small boat',
      n: 2,
      size: '1024x1792',
    });
    expect(answer.data).toHaveLength(2);
    const bytes = Buffer.from(answer.data?.[0]?.b64_json ?? '', 'base64');
    expect(bytes.subarray(0, 8).toString('hex')).toBe(pngSignature);
    expect(rig.mock.requests).toHaveLength(2);
    expect(rig.mock.requests[0]).toMatchObject({
      path: '/v1beta/models/gemini-2.5-flash-image:generateContent',
      body: {
        contents: [{ parts: [{ text: 'a small boat' }] }],
        generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '9:16' } },
      },
    });
    const row = await lastLogRow(rig);
    expect(row).toMatchObject({ model: 'gemini-2.5-flash-image', priced: true });
    expect(row.input_tokens).toBeGreaterThan(0);
    expect(row.cost_usd).toBeGreaterThan(0);
  });
});

describe('per-image prices', () => {
  it('a user price override (PUT /api/pricing) drives the cost; a bad one is refused by name', async () => {
    const bad = await rig.harness.manage('PUT', '/api/pricing', {
      provider: 'openai',
      model: 'dall-e-2',
      pricing: { input: 0, output: 0, perImage: -1 },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('perImage');
    const set = await rig.harness.manage('PUT', '/api/pricing', {
      provider: 'openai',
      model: 'dall-e-2',
      pricing: { input: 0, output: 0, perImage: 0.5 },
    });
    expect(set.status).toBe(200);
    await rig.client.images.generate({ model: 'openai/dall-e-2', prompt: 'priced', n: 3 });
    expect((await lastLogRow(rig)).cost_usd).toBeCloseTo(1.5, 10);
  });
});

describe('GET /v1/images/generations', () => {
  it('lists image models only', async () => {
    const list: any = await (await fetch(`${rig.harness.url}/v1/images/generations`)).json();
    const ids = list.data.map((entry: { id: string }) => entry.id);
    expect(ids).toEqual(
      expect.arrayContaining(['openai/dall-e-3', 'openai/gpt-image-1', 'gemini/imagen-4.0-generate-001']),
    );
    expect(ids).not.toContain('openai/text-embedding-3-small');
    expect(list.data.every((entry: { type: string }) => entry.type === 'image')).toBe(true);
  });
});
