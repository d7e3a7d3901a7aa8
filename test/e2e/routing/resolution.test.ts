import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';
import { createCombo, modelsUsed, type RoutingRig, rawChat, startLoopbackHarness, startRig } from './routing-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startRig();
  await rig.connect('openai', ['sk-openai']);
  await rig.connect('anthropic', ['sk-anthropic']);
});
afterAll(() => rig.stop());
beforeEach(() => rig.mock.reset());

/** The upstream model the mock received for a request to `model`, and the client's status. */
async function servedAs(model: string): Promise<{ status: number; upstream: string | undefined; body: any }> {
  const from = rig.mock.requests.length;
  const answer = await rig.chat(model, 'which model?');
  return { status: answer.status, upstream: modelsUsed(rig.mock, from)[0], body: answer.body };
}

describe('model resolution order', () => {
  it('prefers an exact alias over a wildcard, and the most specific wildcard', async () => {
    for (const alias of [
      { alias: 'claude-sonnet-*', target: 'openai/gpt-4.1' },
      { alias: 'claude-*', target: 'openai/gpt-4o' },
      { alias: 'claude-sonnet-fast', target: 'openai/gpt-4.1-mini' },
    ]) {
      expect((await rig.harness.manage('POST', '/api/models/alias', alias)).status).toBe(201);
    }
    expect(await servedAs('claude-sonnet-fast')).toMatchObject({ status: 200, upstream: 'gpt-4.1-mini' });
    expect(await servedAs('claude-sonnet-4-20250514')).toMatchObject({ status: 200, upstream: 'gpt-4.1' });
    expect(await servedAs('claude-opus-4-1')).toMatchObject({ status: 200, upstream: 'gpt-4o' });
    // `provider/model` never matches a bare-name wildcard: it goes to Anthropic as asked.
    const direct = await servedAs('anthropic/claude-sonnet-4-5');
    expect(direct).toMatchObject({ status: 200, upstream: 'claude-sonnet-4-5' });
    expect(rig.mock.requests.at(-1)?.path).toBe('/v1/messages');
    for (const alias of ['claude-sonnet-*', 'claude-*', 'claude-sonnet-fast']) {
      await rig.harness.manage('DELETE', `/api/models/alias?alias=${encodeURIComponent(alias)}`);
    }
  });

  it('lists, replaces and deletes aliases through /api/models/alias', async () => {
    await rig.harness.manage('POST', '/api/models/alias', { alias: 'fast', target: 'openai/gpt-4.1-mini' });
    await rig.harness.manage('POST', '/api/models/alias', { alias: 'fast', target: 'openai/gpt-4o-mini' });
    const { body } = await rig.harness.manage('GET', '/api/models/alias');
    expect(body.aliases).toContainEqual(expect.objectContaining({ alias: 'fast', target: 'openai/gpt-4o-mini' }));
    expect(await servedAs('fast')).toMatchObject({ status: 200, upstream: 'gpt-4o-mini' });

    expect((await rig.harness.manage('DELETE', '/api/models/alias/fast')).status).toBe(204);
    const gone = await servedAs('fast');
    expect(gone.status).toBe(404);
    expect(gone.upstream).toBeUndefined();
    expect((await rig.harness.manage('DELETE', '/api/models/alias?alias=fast')).status).toBe(404);

    const bad = await rig.harness.manage('POST', '/api/models/alias', { alias: 'x', target: 'nosuch/model' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ param: 'target' });
  });

  it('lets a combo win over a bare model id of the same name, and an alias lead to a combo', async () => {
    const combo = await createCombo(rig.harness, { name: 'gpt-4.1', models: ['openai/gpt-4o'] });
    try {
      expect(await servedAs('gpt-4.1')).toMatchObject({ status: 200, upstream: 'gpt-4o' });
      // The provider prefix still reaches the real model.
      expect(await servedAs('openai/gpt-4.1')).toMatchObject({ status: 200, upstream: 'gpt-4.1' });
      await rig.harness.manage('POST', '/api/models/alias', { alias: 'team-default', target: 'gpt-4.1' });
      expect(await servedAs('team-default')).toMatchObject({ status: 200, upstream: 'gpt-4o' });
    } finally {
      await rig.harness.manage('DELETE', '/api/models/alias/team-default');
      await rig.harness.manage('DELETE', `/api/combos/${combo.id}`);
    }
    expect(await servedAs('gpt-4.1')).toMatchObject({ status: 200, upstream: 'gpt-4.1' });
  });

  it('serves a bare id offered by one connected provider, and says when none offers it', async () => {
    expect(await servedAs('claude-haiku-4-5')).toMatchObject({ status: 200, upstream: 'claude-haiku-4-5' });
    const missing = await servedAs('no-such-model-9');
    expect(missing.status).toBe(404);
    expect(missing.upstream).toBeUndefined();
    expect(missing.body.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    expect(missing.body.error.message).toMatch(/provider\/model .*GET \/v1\/models/);
  });

  it('shows the catalog with connected providers and priced models', async () => {
    const { status, body } = await rig.harness.manage('GET', '/api/models/catalog');
    expect(status).toBe(200);
    const byId = new Map(body.providers.map((provider: any) => [provider.id, provider]));
    expect(byId.get('openai')).toMatchObject({ connected: true, format: 'openai' });
    expect(byId.get('groq')).toMatchObject({ connected: false });
    const nano = (byId.get('openai') as any).models.find((model: any) => model.id === 'gpt-5-nano');
    expect(nano.pricing.input).toBeGreaterThan(0);
  });
});

describe('a catalog id offered by several connected providers', () => {
  let mock: MockUpstream;
  beforeAll(async () => {
    mock = await startMockUpstream();
  });
  afterAll(() => mock.close());

  it('is served by the only connected provider, and is a 400 naming prefixes when two offer it', async () => {
    // OpenRouter and GitHub Models both list `openai/gpt-4o-mini`; OpenAI itself is not connected.
    const harness = await startLoopbackHarness();
    try {
      await harness.connect({ provider: 'openrouter', apiKey: 'sk-or', baseUrl: `${mock.url}/v1` });
      const single = await rawChat(harness.url, 'openai/gpt-4o-mini', 'hi');
      expect(single.status).toBe(200);
      expect(mock.requests.at(-1)).toMatchObject({ body: { model: 'openai/gpt-4o-mini' } });
      expect(mock.requests.at(-1)?.headers.authorization).toBe('Bearer sk-or');

      await harness.connect({ provider: 'github', apiKey: 'gh-token', baseUrl: `${mock.url}/v1` });
      const sent = mock.requests.length;
      const ambiguous = await rawChat(harness.url, 'openai/gpt-4o-mini', 'hi');
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.error.message).toContain('or/openai/gpt-4o-mini');
      expect(ambiguous.body.error.message).toContain('github/openai/gpt-4o-mini');
      expect(mock.requests.length).toBe(sent);
      // A prefix settles it.
      expect((await rawChat(harness.url, 'github/openai/gpt-4o-mini', 'hi')).status).toBe(200);
      expect(mock.requests.at(-1)?.headers.authorization).toBe('Bearer gh-token');
    } finally {
      await harness.stop();
    }
  });

  it('applies aliases and combos declared in the OMNIROUTE_CONFIG file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'omniroute-config-')), 'omniroute.yaml');
    writeFileSync(
      file,
      [
        // The mock listens on loopback, which the SSRF guard refuses unless allowed.
        'settings: { allowPrivateBaseUrls: true }',
        'providers:',
        `  - { provider: openai, name: main, apiKey: "\${TEST_OPENAI_KEY}", baseUrl: "${mock.url}/v1" }`,
        'combos:',
        '  - { name: coding, strategy: priority, models: ["openai/gpt-4.1", { provider: openai, model: gpt-4o }] }',
        'aliases:',
        '  - { alias: "sonnet-*", target: coding }',
        '  - { alias: cheap, target: openai/gpt-4.1-nano }',
      ].join('\n'),
    );
    const harness = await startLoopbackHarness({ env: { OMNIROUTE_CONFIG: file, TEST_OPENAI_KEY: 'sk-from-env' } });
    try {
      const viaWildcard = await rawChat(harness.url, 'sonnet-4', 'hi');
      expect(viaWildcard.status).toBe(200);
      expect(mock.requests.at(-1)).toMatchObject({ body: { model: 'gpt-4.1' } });
      expect(mock.requests.at(-1)?.headers.authorization).toBe('Bearer sk-from-env');
      await rawChat(harness.url, 'cheap', 'hi');
      expect(mock.requests.at(-1)).toMatchObject({ body: { model: 'gpt-4.1-nano' } });
      const { body } = await harness.manage('GET', '/api/combos');
      expect(body.combos[0]).toMatchObject({
        name: 'coding',
        models: [{ model: 'openai/gpt-4.1' }, { model: 'openai/gpt-4o' }],
      });
    } finally {
      await harness.stop();
    }
  });
});
