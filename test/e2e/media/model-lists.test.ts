import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutingRig } from '../routing/routing-setup.js';
import { createCombo, startMediaRig } from './media-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startMediaRig();
  await createCombo(rig.harness, { name: 'chat-combo', models: ['openai/gpt-4.1', 'gemini/gemini-2.5-flash'] });
});
afterAll(() => rig.stop());

const list = async (path: string): Promise<Array<{ id: string; type: string; owned_by: string }>> =>
  ((await (await fetch(`${rig.harness.url}${path}`)).json()) as { data: any[] }).data;

describe('model lists', () => {
  it('GET /v1/models lists chat, embedding, image and transcription models with their type, plus combos', async () => {
    const models = await list('/v1/models');
    const typeOf = (id: string) => models.find((model) => model.id === id)?.type;
    expect(typeOf('openai/gpt-4.1')).toBe('chat');
    expect(typeOf('openai/text-embedding-3-small')).toBe('embedding');
    expect(typeOf('gemini/imagen-4.0-generate-001')).toBe('image');
    expect(typeOf('openai/whisper-1')).toBe('transcription');
    expect(models.find((model) => model.id === 'chat-combo')).toMatchObject({ type: 'combo', owned_by: 'combo' });
    // A combo of chat models is no embedding model.
    expect((await list('/v1/embeddings')).map((model) => model.id)).not.toContain('chat-combo');
  });

  it('leaves hidden models out of every list, and adds custom embedding models', async () => {
    const hide = await rig.harness.manage('PATCH', '/api/provider-models', {
      provider: 'openai',
      model: 'text-embedding-3-large',
      hidden: true,
    });
    expect(hide.status).toBe(200);
    await rig.harness.manage('POST', '/api/provider-models', {
      provider: 'openai',
      model: 'embed-next',
      type: 'embedding',
    });
    for (const path of ['/v1/models', '/v1/embeddings']) {
      const ids = (await list(path)).map((model) => model.id);
      expect(ids).not.toContain('openai/text-embedding-3-large');
      expect(ids).toContain('openai/embed-next');
    }
    // Hidden only from lists: still callable by its full name.
    const answer = await rig.client.embeddings.create({ model: 'openai/text-embedding-3-large', input: 'still here' });
    expect(answer.data).toHaveLength(1);
  });
});
