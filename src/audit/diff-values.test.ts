import { describe, expect, it } from 'vitest';
import { redacted, redactSecrets } from '../observability/redact-secrets.js';
import { diffValues } from './diff-values.js';

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
