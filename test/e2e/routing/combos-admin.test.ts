import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCombo, keysUsed, modelsUsed, type RoutingRig, resetRouting, startRig } from './routing-setup.js';

let rig: RoutingRig;
let accounts: any[];

beforeAll(async () => {
  rig = await startRig();
  accounts = await rig.connect('openai', ['key-a', 'key-b']);
  await rig.connect('anthropic', ['key-claude']);
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
  const { body } = await rig.harness.manage('GET', '/api/combos');
  // Parents first, so no delete is refused for nesting.
  for (const combo of [...body.combos].reverse()) await rig.harness.manage('DELETE', `/api/combos/${combo.id}`);
});

describe('/api/combos', () => {
  it('creates, reads, updates and deletes a combo; strings and objects as targets', async () => {
    const created = await createCombo(rig.harness, {
      name: 'coding',
      strategy: 'weighted',
      models: [
        'openai/gpt-4.1',
        { provider: 'anthropic', model: 'claude-haiku-4-5', weight: 3 },
        { provider: 'openai', model: 'gpt-4o', connectionId: accounts[1].id, weight: 2 },
      ],
      config: { maxAttempts: 2 },
    });
    expect(created).toMatchObject({
      name: 'coding',
      strategy: 'weighted',
      models: [
        { model: 'openai/gpt-4.1' },
        { model: 'anthropic/claude-haiku-4-5', weight: 3 },
        { model: 'openai/gpt-4o', connectionId: accounts[1].id, weight: 2 },
      ],
      config: { maxAttempts: 2 },
    });
    expect((await rig.harness.manage('GET', `/api/combos/${created.id}`)).body).toEqual(created);

    const updated = await rig.harness.manage('PUT', `/api/combos/${created.id}`, {
      strategy: 'priority',
      models: [{ provider: 'openai', model: 'gpt-4o', connectionId: accounts[1].id }, 'openai/gpt-4.1'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'coding', strategy: 'priority', config: { maxAttempts: 2 } });
    // Omitted fields keep their stored values.
    const renamed = await rig.harness.manage('PUT', `/api/combos/${created.id}`, { name: 'coding' });
    expect(renamed.body).toMatchObject({ strategy: 'priority', config: { maxAttempts: 2 } });

    // The pinned account serves, although fill-first would otherwise pick key-a.
    const from = rig.mock.requests.length;
    const answer = await rig.chat('coding', 'pinned');
    expect(answer.status).toBe(200);
    expect(keysUsed(rig.mock, from)).toEqual(['key-b']);
    expect(modelsUsed(rig.mock, from)).toEqual(['gpt-4o']);

    expect((await rig.harness.manage('DELETE', `/api/combos/${created.id}`)).status).toBe(204);
    expect((await rig.harness.manage('GET', `/api/combos/${created.id}`)).status).toBe(404);
    expect((await rig.chat('coding', 'gone')).status).toBe(404);
  });

  it('lists combos in /v1/models next to provider models', async () => {
    await createCombo(rig.harness, { name: 'listed', models: ['openai/gpt-4.1'] });
    const models = await rig.client.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toContain('listed');
    expect(ids).toContain('openai/gpt-4.1');
    expect(models.data.find((model) => model.id === 'listed')?.owned_by).toBe('combo');
  });

  it('flattens nested combos in order and falls through them', async () => {
    await createCombo(rig.harness, { name: 'inner', models: ['openai/gpt-4o', 'anthropic/claude-haiku-4-5'] });
    await createCombo(rig.harness, { name: 'outer', models: ['inner', 'openai/gpt-4.1'] });
    rig.mock.enqueueFault({ status: 503 }, { model: 'gpt-4o' });
    rig.mock.enqueueFault({ status: 503 }, { model: 'gpt-4o' });
    const answer = await rig.chat('outer', 'nested');
    expect(answer.status).toBe(200);
    // gpt-4o failed on both OpenAI accounts, then the inner combo's Anthropic target answered.
    expect(modelsUsed(rig.mock)).toEqual(['gpt-4o', 'gpt-4o', 'claude-haiku-4-5']);
    expect(answer.headers.get('x-omniroute-route')).toMatch(/combo=outer; provider=anthropic; .*attempts=3/);
  });

  it('refuses a cycle and nesting deeper than 3 levels at save time, naming the path', async () => {
    const one = await createCombo(rig.harness, { name: 'one', models: ['openai/gpt-4.1'] });
    await createCombo(rig.harness, { name: 'two', models: ['one'] });
    const cycle = await rig.harness.manage('PUT', `/api/combos/${one.id}`, { models: ['two'] });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error).toMatchObject({ code: 'invalid_request', param: 'models' });
    expect(cycle.body.error.message).toMatch(/cycle: one → two → one/i);
    const self = await rig.harness.manage('POST', '/api/combos', { name: 'self', models: ['self'] });
    expect(self.status).toBe(400);

    await createCombo(rig.harness, { name: 'three', models: ['two'] });
    const four = await rig.harness.manage('POST', '/api/combos', { name: 'four', models: ['three'] });
    expect(four.status).toBe(400);
    expect(four.body.error.message).toMatch(/deeper than 3 levels: four → three → two → one/);
    // A 3-level chain is fine and routes to the leaf.
    const answer = await rig.chat('three', 'deep');
    expect(answer.status).toBe(200);
    expect(modelsUsed(rig.mock)).toEqual(['gpt-4.1']);
  });

  it('answers 409 when deleting or renaming a combo another combo uses, and 400 for bad input', async () => {
    const leaf = await createCombo(rig.harness, { name: 'leaf', models: ['openai/gpt-4.1'] });
    await createCombo(rig.harness, { name: 'parent', models: ['leaf', 'anthropic/claude-haiku-4-5'] });
    const removed = await rig.harness.manage('DELETE', `/api/combos/${leaf.id}`);
    expect(removed.status).toBe(409);
    expect(removed.body.error.message).toContain("used by combo 'parent'");
    const renamed = await rig.harness.manage('PUT', `/api/combos/${leaf.id}`, { name: 'leaf2' });
    expect(renamed.status).toBe(409);

    const duplicate = await rig.harness.manage('POST', '/api/combos', { name: 'leaf', models: ['openai/gpt-4o'] });
    expect(duplicate.status).toBe(409);
    const unknown = await rig.harness.manage('POST', '/api/combos', { name: 'x', models: ['nosuch/model'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("Unknown provider 'nosuch'");
    const slash = await rig.harness.manage('POST', '/api/combos', { name: 'a/b', models: ['openai/gpt-4o'] });
    expect(slash.body.error).toMatchObject({ param: 'name' });
    const strategy = await rig.harness.manage('POST', '/api/combos', {
      name: 'x',
      strategy: 'fastest',
      models: ['openai/gpt-4o'],
    });
    expect(strategy.body.error).toMatchObject({ param: 'strategy' });
  });
});
