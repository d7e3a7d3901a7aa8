import { describe, expect, it } from 'vitest';
import { testConnection } from '../../test/helpers/connection-record.js';
import { GatewayError } from '../core/errors.js';
import { providerCatalog } from '../providers/catalog/index.js';
import type { Combo } from '../routing/combo.js';
import { buildConfigSnapshot } from '../routing/config-snapshot.js';
import type { PoliciesRepository } from '../storage/repositories/policies-repository.js';
import { compileGlob } from './compile-glob.js';
import type { Policy, PolicyInput } from './policy.js';
import { PolicyEngine } from './policy-engine.js';

const connection = (provider: string) => testConnection(provider, { id: `c-${provider}`, apiKey: 'k' });
const combo: Combo = {
  id: 'combo-1',
  name: 'mixed',
  strategy: 'priority',
  targets: [{ model: 'openai/gpt-4.1' }, { model: 'anthropic/claude-sonnet-4-5' }],
  config: {},
  createdAt: 0,
  updatedAt: 0,
};
const snapshot = buildConfigSnapshot({
  catalog: providerCatalog,
  nodes: [],
  connections: [connection('openai'), connection('anthropic')],
  combos: [combo],
});
const alice = { keyId: 'key-a', keyName: 'alice', scopes: [] };
const bob = { keyId: 'key-b', keyName: 'bob', scopes: [] };

async function engineWith(...rules: Array<Partial<PolicyInput> & Pick<PolicyInput, 'name' | 'action'>>) {
  const policies: Policy[] = rules.map((rule, index) => ({
    id: `p${index}`,
    enabled: true,
    match: {},
    priority: index,
    createdAt: 0,
    updatedAt: 0,
    ...rule,
  }));
  const engine = new PolicyEngine({ list: async () => policies } as unknown as PoliciesRepository);
  await engine.reload();
  return engine;
}

const refusal = (run: () => unknown): GatewayError => {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
  }
  throw new Error('expected a refusal');
};

describe('PolicyEngine', () => {
  it('passes everything with no policies', async () => {
    const engine = await engineWith();
    expect(engine.evaluate({ identity: undefined, model: 'openai/gpt-4.1', snapshot })).toEqual({
      model: 'openai/gpt-4.1',
    });
  });

  it('blocks by model glob for one key, naming the policy, and lets other keys through', async () => {
    const engine = await engineWith({
      name: 'no-claude-for-alice',
      match: { keys: ['alice'], models: ['*claude*'] },
      action: { type: 'block', message: 'ask your admin' },
    });
    const error = refusal(() => engine.evaluate({ identity: alice, model: 'anthropic/claude-sonnet-4-5', snapshot }));
    expect(error.status).toBe(403);
    expect(error.message).toBe("Blocked by policy 'no-claude-for-alice': ask your admin");
    expect(engine.evaluate({ identity: bob, model: 'anthropic/claude-sonnet-4-5', snapshot }).model).toBe(
      'anthropic/claude-sonnet-4-5',
    );
    expect(engine.evaluate({ identity: alice, model: 'openai/gpt-4.1', snapshot }).model).toBe('openai/gpt-4.1');
  });

  it('matches the resolved provider/model of a bare model name, and a combo by any of its providers', async () => {
    const engine = await engineWith({
      name: 'no-anthropic',
      match: { providers: ['anthropic'] },
      action: { type: 'block' },
    });
    expect(() => engine.evaluate({ identity: undefined, model: 'claude-sonnet-4-5', snapshot })).toThrow(
      /no-anthropic/,
    );
    expect(() => engine.evaluate({ identity: undefined, model: 'mixed', snapshot })).toThrow(/no-anthropic/);
    const byModel = await engineWith({
      name: 'no-4.1',
      match: { models: ['openai/gpt-4.1'] },
      action: { type: 'block' },
    });
    expect(() => byModel.evaluate({ identity: undefined, model: 'gpt-4.1', snapshot })).toThrow(/no-4\.1/);
  });

  it('redirects before resolution, then checks blocks on the new target', async () => {
    const engine = await engineWith(
      { name: 'to-combo', match: { models: ['gpt-4o*'] }, action: { type: 'redirect', target: 'mixed' } },
      { name: 'bob-no-anthropic', match: { keys: ['key-b'], providers: ['anthropic'] }, action: { type: 'block' } },
    );
    expect(engine.evaluate({ identity: alice, model: 'openai/gpt-4o-mini', snapshot })).toEqual({
      model: 'mixed',
      redirectedBy: 'to-combo',
    });
    expect(() => engine.evaluate({ identity: bob, model: 'openai/gpt-4o-mini', snapshot })).toThrow(/bob-no-anthropic/);
  });

  it('allow rules make an allowlist for the keys they name', async () => {
    const engine = await engineWith({
      name: 'alice-openai-only',
      match: { keys: ['alice'], providers: ['openai'] },
      action: { type: 'allow' },
    });
    expect(engine.evaluate({ identity: alice, model: 'openai/gpt-4.1', snapshot }).model).toBe('openai/gpt-4.1');
    const error = refusal(() => engine.evaluate({ identity: alice, model: 'mixed', snapshot }));
    expect(error.message).toContain("policy 'alice-openai-only'");
    expect(engine.evaluate({ identity: bob, model: 'mixed', snapshot }).model).toBe('mixed');
    expect(engine.evaluate({ identity: undefined, model: 'mixed', snapshot }).model).toBe('mixed');
  });

  it('ignores disabled policies and follows priority', async () => {
    const engine = await engineWith(
      { name: 'off', enabled: false, action: { type: 'block' } },
      {
        name: 'first',
        match: { models: ['openai/*'] },
        action: { type: 'redirect', target: 'anthropic/claude-sonnet-4-5' },
      },
      { name: 'second', match: { models: ['openai/*'] }, action: { type: 'block' } },
    );
    expect(engine.evaluate({ identity: undefined, model: 'openai/gpt-4.1', snapshot }).redirectedBy).toBe('first');
  });
});

describe('compileGlob', () => {
  it('matches whole names, case-insensitively, with * and ?', () => {
    expect(compileGlob('openai/gpt-4*').test('OpenAI/GPT-4.1')).toBe(true);
    expect(compileGlob('gpt-4?').test('gpt-4o')).toBe(true);
    expect(compileGlob('gpt-4?').test('gpt-4.1')).toBe(false);
    expect(compileGlob('a.b').test('axb')).toBe(false);
  });
});
