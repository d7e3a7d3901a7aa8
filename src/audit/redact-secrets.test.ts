import { describe, expect, it } from 'vitest';
import { diffValues } from './diff-values.js';
import { isSecretField, redacted, redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it('redacts credential fields at any depth, whatever their case or separators', () => {
    const input = {
      name: 'work',
      apiKey: 'sk-live-123',
      API_KEY: 'x',
      nested: { Password: 'p', list: [{ token: 't', value: 1 }, { 'x-api-key': 'k' }] },
      currentPassword: 'a',
      newPassword: 'b',
      key: 'sk-omni-abc',
      Authorization: 'Bearer x',
      secret: { deep: 'object' },
      clientSecret: 'c',
      refresh_token: 'r',
    };
    expect(redactSecrets(input)).toEqual({
      name: 'work',
      apiKey: redacted,
      API_KEY: redacted,
      nested: { Password: redacted, list: [{ token: redacted, value: 1 }, { 'x-api-key': redacted }] },
      currentPassword: redacted,
      newPassword: redacted,
      key: redacted,
      Authorization: redacted,
      secret: redacted,
      clientSecret: redacted,
      refresh_token: redacted,
    });
  });

  it('keeps settings that merely mention tokens or keys, and shows a removed secret as null', () => {
    expect(redactSecrets({ maxTokens: 5, budgetTokens: 10, keyName: 'n', keys: 3, apiKey: null })).toEqual({
      maxTokens: 5,
      budgetTokens: 10,
      keyName: 'n',
      keys: 3,
      apiKey: null,
    });
  });

  it('masks passwords inside URLs and bounds the size of what it keeps', () => {
    expect(redactSecrets({ proxy: 'http://user:hunter2@proxy.local:8080' })).toEqual({
      proxy: 'http://user:[redacted]@proxy.local:8080',
    });
    const bounded = redactSecrets(
      { long: 'x'.repeat(600), many: Array.from({ length: 60 }, (_, i) => i) },
      { maxStringLength: 10, maxArrayItems: 3 },
    );
    expect(bounded).toEqual({ long: `${'x'.repeat(10)}…`, many: [0, 1, 2, '… 57 more'] });
    expect(JSON.stringify(redactSecrets({ a: { b: { c: { d: 1 } } } }, { maxDepth: 2 }))).toBe('{"a":{"b":"[…]"}}');
  });

  it('judges a dotted path by its last part', () => {
    expect(isSecretField('proxy.password')).toBe(true);
    expect(isSecretField('password.length')).toBe(false);
  });
});

describe('diffValues', () => {
  it('lists changed fields by path with before and after, ignoring updatedAt', () => {
    const before = { name: 'a', priority: 1, routing: { strategy: 'fill-first', limit: 3 }, updatedAt: '1' };
    const after = { name: 'a', priority: 2, routing: { strategy: 'round-robin', limit: 3 }, updatedAt: '2' };
    expect(diffValues(before, after)).toEqual({
      priority: { before: 1, after: 2 },
      'routing.strategy': { before: 'fill-first', after: 'round-robin' },
    });
  });

  it('never descends into a secret, so redaction hides the whole change', () => {
    const changes = diffValues(
      { apiKey: 'sk-…1111', proxy: { password: 'a' } },
      { apiKey: 'sk-…2222', proxy: { password: 'b' } },
    );
    expect(Object.keys(changes)).toEqual(['apiKey', 'proxy.password']);
    expect(redactSecrets(changes)).toEqual({ apiKey: redacted, 'proxy.password': redacted });
  });

  it('compares arrays and scalars as whole values', () => {
    expect(diffValues({ list: [1, 2] }, { list: [1, 2] })).toEqual({});
    expect(diffValues({ list: [1, 2] }, { list: [2, 1] })).toEqual({ list: { before: [1, 2], after: [2, 1] } });
    expect(diffValues(true, false)).toEqual({ value: { before: true, after: false } });
  });
});
