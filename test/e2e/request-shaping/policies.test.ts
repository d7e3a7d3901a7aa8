import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';

let mock: MockUpstream;
let harness: GatewayHarness;
const keys: Record<string, { id: string; key: string }> = {};

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  await harness.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
  await harness.connect({ provider: 'anthropic', apiKey: 'sk-ant', baseUrl: `${mock.url}/v1` });
  for (const name of ['alice', 'bob', 'carol']) {
    const { body } = await harness.manage('POST', '/api/keys', { name });
    keys[name] = { id: body.id, key: body.key };
  }
  const combo = await harness.manage('POST', '/api/combos', {
    name: 'cheap',
    models: [{ model: 'anthropic/claude-haiku-4-5' }],
  });
  expect(combo.status).toBe(201);
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});
beforeEach(async () => {
  mock.reset();
  const { body } = await harness.manage('GET', '/api/policies');
  for (const policy of body.policies) await harness.manage('DELETE', `/api/policies/${policy.id}`);
});

const openai = (name: string) =>
  new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: keys[name]?.key ?? 'anonymous', maxRetries: 0 });
const ask = (name: string, model: string) =>
  openai(name).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
const refusalOf = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    return error as { status: number; message: string; error: any };
  }
  throw new Error('expected the request to be refused');
};

describe('/api/policies management', () => {
  it('creates, lists, reads, updates and deletes a policy', async () => {
    const created = await harness.manage('POST', '/api/policies', {
      name: 'block-4o',
      match: { models: ['gpt-4o*'] },
      action: { type: 'block' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'block-4o', enabled: true, priority: 100, action: { type: 'block' } });
    const id = created.body.id;
    expect((await harness.manage('GET', '/api/policies')).body.policies).toHaveLength(1);
    expect((await harness.manage('GET', `/api/policies/${id}`)).body.name).toBe('block-4o');
    const updated = await harness.manage('PUT', `/api/policies/${id}`, {
      name: 'block-4o',
      enabled: false,
      match: { models: ['gpt-4o*'] },
      action: { type: 'block' },
    });
    expect(updated.body.enabled).toBe(false);
    expect((await harness.manage('DELETE', `/api/policies/${id}`)).status).toBe(204);
    expect((await harness.manage('GET', `/api/policies/${id}`)).status).toBe(404);
    expect((await harness.manage('DELETE', `/api/policies/${id}`)).status).toBe(404);
  });

  it('refuses bad input naming the field, duplicate names, unknown redirect targets and unauthorised callers', async () => {
    const badType = await harness.manage('POST', '/api/policies', { name: 'x', action: { type: 'deny' } });
    expect(badType.status).toBe(400);
    expect(badType.body.error.message).toContain("'action.type'");
    const badMatch = await harness.manage('POST', '/api/policies', {
      name: 'x',
      match: { model: ['a'] },
      action: { type: 'allow' },
    });
    expect(badMatch.status).toBe(400);
    expect(badMatch.body.error.message).toContain('model');
    const badTarget = await harness.manage('POST', '/api/policies', {
      name: 'x',
      action: { type: 'redirect', target: 'no-such-model-anywhere' },
    });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.error.message).toContain("'action.target'");
    await harness.manage('POST', '/api/policies', { name: 'dup', action: { type: 'allow' } });
    expect((await harness.manage('POST', '/api/policies', { name: 'dup', action: { type: 'allow' } })).status).toBe(
      409,
    );
    expect((await fetch(`${harness.url}/api/policies`)).status).toBe(401);
    const clientOnly = await fetch(`${harness.url}/api/policies`, {
      headers: { authorization: `Bearer ${keys.alice?.key}` },
    });
    expect(clientOnly.status).toBe(403);
  });
});

describe('policies in the generation pipeline', () => {
  it('block: 403 in the client format naming the policy, nothing sent upstream, other keys unaffected', async () => {
    await harness.manage('POST', '/api/policies', {
      name: 'alice-no-claude',
      match: { keys: ['alice'], models: ['*claude*'] },
      action: { type: 'block', message: 'Claude is not in your plan.' },
    });
    const anthropic = new Anthropic({ baseURL: harness.url, apiKey: keys.alice?.key, maxRetries: 0 });
    const refused = await refusalOf(
      anthropic.messages.create({
        model: 'anthropic/claude-sonnet-4-5',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(refused.status).toBe(403);
    expect(refused.error).toMatchObject({
      type: 'error',
      error: { type: 'permission_error', message: "Blocked by policy 'alice-no-claude': Claude is not in your plan." },
    });
    const openaiRefusal = await refusalOf(ask('alice', 'claude-sonnet-4-5'));
    expect(openaiRefusal.status).toBe(403);
    expect(openaiRefusal.message).toContain("'alice-no-claude'");
    expect(mock.requests).toHaveLength(0);
    expect((await ask('bob', 'anthropic/claude-sonnet-4-5')).choices[0]?.message.content).toContain('Mock');
    expect((await ask('alice', 'openai/gpt-4.1')).choices[0]?.message.content).toContain('Mock');
  });

  it('allow: a key with allow rules may only use what they list', async () => {
    await harness.manage('POST', '/api/policies', {
      name: 'bob-openai-only',
      match: { keys: [keys.bob?.id], providers: ['openai'] },
      action: { type: 'allow' },
    });
    expect((await ask('bob', 'openai/gpt-4.1')).choices[0]?.message.content).toContain('Mock');
    const refused = await refusalOf(ask('bob', 'anthropic/claude-sonnet-4-5'));
    expect(refused.status).toBe(403);
    expect(refused.message).toContain("policy 'bob-openai-only' allows only listed models and providers");
    // The combo reaches Anthropic, which bob's allowlist does not cover.
    expect((await refusalOf(ask('bob', 'cheap'))).status).toBe(403);
    expect((await ask('carol', 'anthropic/claude-sonnet-4-5')).choices[0]?.message.content).toContain('Mock');
  });

  it('redirect: the model is replaced by the target (a combo) before resolution', async () => {
    await harness.manage('POST', '/api/policies', {
      name: 'carol-to-cheap',
      match: { keys: ['carol'], models: ['gpt-4.1'] },
      action: { type: 'redirect', target: 'cheap' },
    });
    const answer = await ask('carol', 'openai/gpt-4.1');
    expect(answer.choices[0]?.message.content).toContain('Mock anthropic reply');
    expect(mock.requests.at(-1)).toMatchObject({ path: '/v1/messages', body: { model: 'claude-haiku-4-5' } });
    await ask('alice', 'openai/gpt-4.1');
    expect(mock.requests.at(-1)).toMatchObject({ path: '/v1/chat/completions', body: { model: 'gpt-4.1' } });
  });

  it('a disabled policy does nothing', async () => {
    await harness.manage('POST', '/api/policies', { name: 'off', enabled: false, action: { type: 'block' } });
    expect((await ask('alice', 'openai/gpt-4.1')).choices[0]?.message.content).toContain('Mock');
  });
});
