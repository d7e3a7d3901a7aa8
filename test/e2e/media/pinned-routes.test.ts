import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingRig } from '../routing/routing-setup.js';
import { lastLogRow, postJson, resetRouting, startMediaRig } from './media-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startMediaRig();
  await rig.connect('openrouter', ['router-key']);
  const node = await rig.harness.manage('POST', '/api/provider-nodes', {
    name: 'My lab',
    prefix: 'mylab',
    apiType: 'openai',
    baseUrl: `${rig.mock.url}/v1`,
  });
  if (node.status !== 201) throw new Error(`node create failed: ${JSON.stringify(node.body)}`);
  await rig.harness.connect({ provider: 'mylab', name: 'mylab-main', apiKey: 'lab-key' });
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
});

const pinnedClient = (provider: string) =>
  new OpenAI({ baseURL: `${rig.harness.url}/v1/providers/${provider}`, apiKey: 'client', maxRetries: 0 });

describe('/v1/providers/{provider}/…', () => {
  it('chat: adds the provider prefix and answers through the chat pipeline', async () => {
    const response = await pinnedClient('openai')
      .chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'pinned hello' }] })
      .withResponse();
    expect(response.data.choices[0]?.message.content).toContain('pinned hello');
    expect(response.response.headers.get('x-omniroute-provider')).toBe('openai');
    expect(rig.mock.requests[0]).toMatchObject({ path: '/v1/chat/completions', body: { model: 'gpt-4.1' } });
    expect(await lastLogRow(rig)).toMatchObject({
      route: '/v1/providers/:provider/chat/completions',
      model_requested: 'openai/gpt-4.1',
      provider: 'openai',
    });
  });

  it('chat to a Gemini upstream is translated from the OpenAI shape', async () => {
    const answer = await pinnedClient('gemini').chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'translated' }],
    });
    expect(answer.choices[0]?.message.content).toContain('Mock gemini reply to: translated');
  });

  it('embeddings and images, with the prefix added or already there', async () => {
    const embedded = await pinnedClient('openai').embeddings.create({
      model: 'text-embedding-3-small',
      input: 'pinned',
      encoding_format: 'float',
    });
    expect(embedded.data[0]?.embedding).toHaveLength(64);
    const prefixed = await pinnedClient('gemini').embeddings.create({
      model: 'gemini/gemini-embedding-001',
      input: 'already prefixed',
    });
    expect(prefixed.data).toHaveLength(1);
    const images = await pinnedClient('gemini').images.generate({ model: 'imagen-4.0-generate-001', prompt: 'pinned' });
    expect(images.data).toHaveLength(1);
    expect(rig.mock.requests.map((request) => request.path)).toEqual([
      '/v1/embeddings',
      '/v1beta/models/gemini-embedding-001:embedContent',
      '/v1beta/models/imagen-4.0-generate-001:predict',
    ]);
  });

  it("takes an alias, keeps an aggregator's slashed model ids, and serves provider nodes", async () => {
    const routed = await pinnedClient('or').embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: 'through openrouter',
      encoding_format: 'float',
    });
    expect(routed.data).toHaveLength(1);
    expect(rig.mock.requests[0]?.headers.authorization).toBe('Bearer router-key');
    expect(rig.mock.requests[0]?.body).toMatchObject({ model: 'openai/text-embedding-3-small' });

    const node = await pinnedClient('mylab').embeddings.create({
      model: 'lab-embedder',
      input: 'node',
      encoding_format: 'float',
    });
    expect(node.data).toHaveLength(1);
    expect(rig.mock.requests[1]?.headers.authorization).toBe('Bearer lab-key');
    expect(rig.mock.requests[1]?.body).toMatchObject({ model: 'lab-embedder' });
  });

  it('an unknown provider is a 404 in the OpenAI shape, and is logged', async () => {
    for (const path of ['chat/completions', 'embeddings', 'images/generations']) {
      const answer = await postJson(rig, `/v1/providers/nowhere/${path}`, { model: 'x', input: 'x', prompt: 'x' });
      expect(answer.status).toBe(404);
      expect(answer.body.error.message).toContain("Unknown provider 'nowhere'");
    }
    expect(rig.mock.requests).toHaveLength(0);
    expect(await lastLogRow(rig)).toMatchObject({ route: '/v1/providers/:provider/images/generations', status: 404 });
  });

  it('a model of another provider is a 400 naming both', async () => {
    for (const path of ['chat/completions', 'embeddings']) {
      const answer = await postJson(rig, `/v1/providers/openai/${path}`, {
        model: 'gemini/gemini-embedding-001',
        input: 'x',
        messages: [{ role: 'user', content: 'x' }],
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.param).toBe('model');
      expect(answer.body.error.message).toContain("belongs to provider 'gemini'");
      expect(answer.body.error.message).toContain("pinned to provider 'openai'");
    }
    expect(rig.mock.requests).toHaveLength(0);
  });
});
