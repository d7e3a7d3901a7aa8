import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it('replaces credential strings by key, keeps flags and numbers, and strips URL passwords', () => {
    expect(
      redactSecrets({
        apiKey: 'sk-1',
        nested: [{ password: 'p', token: '', maxTokens: 5 }],
        'auth.passwordHash': 'scrypt$…',
        requireApiKey: true,
        proxy: { url: 'http://user:hunter2@proxy.local:8080', plain: 'http://proxy.local' },
        tokenOnly: 'https://ghp_abc@github.com/x',
        name: 'main',
      }),
    ).toEqual({
      apiKey: '[redacted]',
      nested: [{ password: '[redacted]', token: '', maxTokens: 5 }],
      'auth.passwordHash': '[redacted]',
      requireApiKey: true,
      proxy: { url: 'http://user:***@proxy.local:8080/', plain: 'http://proxy.local' },
      tokenOnly: '[redacted]',
      name: 'main',
    });
    expect(redactSecrets({ link: 'https://ghp_abc@github.com/x' })).toEqual({ link: 'https://***@github.com/x' });
  });
});
