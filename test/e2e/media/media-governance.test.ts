import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKey } from '../governance/governance-setup.js';
import type { RoutingRig } from '../routing/routing-setup.js';
import { postJson, resetRouting, startMediaRig } from './media-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startMediaRig();
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('key governance on media routes', () => {
  it("applies a key's model allowlist to embeddings and pinned routes", async () => {
    const { key } = await createKey(rig.harness, { name: 'embed-only', allowedModels: ['openai/text-embedding-*'] });
    const body = { model: 'openai/text-embedding-3-small', input: 'allowed' };
    expect((await postJson(rig, '/v1/embeddings', body, bearer(key))).status).toBe(200);
    const pinned = await postJson(
      rig,
      '/v1/providers/openai/embeddings',
      { ...body, model: 'text-embedding-3-small' },
      bearer(key),
    );
    expect(pinned.status).toBe(200);
    const refused = await postJson(
      rig,
      '/v1/embeddings',
      { model: 'gemini/gemini-embedding-001', input: 'x' },
      bearer(key),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("'embed-only'");
    const image = await postJson(rig, '/v1/images/generations', { model: 'openai/dall-e-3', prompt: 'x' }, bearer(key));
    expect(image.status).toBe(403);
    expect(rig.mock.requests).toHaveLength(2);
  });

  it('charges per-image costs to a budget, which then refuses further requests', async () => {
    const { id, key } = await createKey(rig.harness, { name: 'image-budget' });
    const budget = await rig.harness.manage('POST', '/api/usage/budget', { keyId: id, limit: 0.05, period: 'daily' });
    expect(budget.status).toBeLessThan(300);
    const body = { model: 'openai/dall-e-3', prompt: 'two images', n: 2 };
    expect((await postJson(rig, '/v1/images/generations', body, bearer(key))).status).toBe(200);
    const view = (await rig.harness.manage('GET', '/api/usage/budget')).body.budgets.find((b: any) => b.keyId === id);
    expect(view.spent).toBeCloseTo(0.08, 8);
    const refused = await postJson(rig, '/v1/images/generations', body, bearer(key));
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain('budget');
    expect(rig.mock.requests).toHaveLength(1);
  });
});
