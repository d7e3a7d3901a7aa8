import { describe, expect, it } from 'vitest';
import { isSecretField, redactBody, redacted, redactSecrets, redactText } from './redact-secrets.js';

describe('isSecretField', () => {
  it('knows credential names whatever their case or separators, by whole name or ending', () => {
    for (const name of [
      'apiKey',
      'API_KEY',
      'x-api-key',
      'x-goog-api-key',
      'key',
      'Authorization',
      'set-cookie',
      'currentPassword',
      'passwd',
      'passphrase',
      'clientSecret',
      'refresh_token',
      'privateKey',
      'credentials',
      'passwordHash',
    ]) {
      expect(isSecretField(name), name).toBe(true);
    }
    for (const name of ['maxTokens', 'max_tokens', 'budgetTokens', 'keyName', 'keys', 'tokenizer', 'name']) {
      expect(isSecretField(name), name).toBe(false);
    }
  });

  it('judges a dotted path by its last part', () => {
    expect(isSecretField('proxy.password')).toBe(true);
    expect(isSecretField('auth.passwordHash')).toBe(true);
    expect(isSecretField('password.length')).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('redacts credential fields at any depth, objects and numbers included', () => {
    const input = {
      name: 'work',
      apiKey: 'sk-live-123',
      nested: { Password: 'p', list: [{ token: 't', value: 1 }, { 'x-api-key': 'k' }] },
      secret: { deep: 'object' },
      pin: { passcodeToken: 1234 },
      'auth.passwordHash': 'scrypt$…',
    };
    expect(redactSecrets(input)).toEqual({
      name: 'work',
      apiKey: redacted,
      nested: { Password: redacted, list: [{ token: redacted, value: 1 }, { 'x-api-key': redacted }] },
      secret: redacted,
      pin: { passcodeToken: redacted },
      'auth.passwordHash': redacted,
    });
  });

  it('keeps what only says whether a secret is set, and settings that merely mention tokens or keys', () => {
    expect(
      redactSecrets({ apiKey: null, token: '', requireApiKey: true, maxTokens: 5, keyName: 'n', keys: 3 }),
    ).toEqual({ apiKey: null, token: '', requireApiKey: true, maxTokens: 5, keyName: 'n', keys: 3 });
  });

  it('masks URL credentials without touching the rest of the URL or plain text', () => {
    expect(
      redactSecrets({
        proxy: 'http://user:hunter2@proxy.local:8080',
        link: 'https://ghp_abc@github.com/x',
        redis: 'redis://:pw@127.0.0.1:6379/0',
        plain: 'http://proxy.local',
        model: 'xai-grok-2-vision-1212',
      }),
    ).toEqual({
      proxy: `http://user:${redacted}@proxy.local:8080`,
      link: `https://${redacted}@github.com/x`,
      redis: `redis://:${redacted}@127.0.0.1:6379/0`,
      plain: 'http://proxy.local',
      model: 'xai-grok-2-vision-1212',
    });
  });

  it('bounds the size of what it keeps when asked, and serializes values as JSON does', () => {
    const bounded = redactSecrets(
      { long: 'x'.repeat(600), many: Array.from({ length: 60 }, (_, i) => i) },
      { maxStringLength: 10, maxArrayItems: 3 },
    );
    expect(bounded).toEqual({ long: `${'x'.repeat(10)}…`, many: [0, 1, 2, '… 57 more'] });
    expect(JSON.stringify(redactSecrets({ a: { b: { c: { d: 1 } } } }, { maxDepth: 2 }))).toBe('{"a":{"b":"[…]"}}');
    expect(redactSecrets({ long: 'x'.repeat(600) })).toEqual({ long: 'x'.repeat(600) });
    const file = { bytes: Buffer.from('abc'), toJSON: () => ({ filename: 'a.mp3', bytes: 3, apiKey: 'k' }) };
    expect(redactSecrets({ at: new Date(0), big: 12n, run: () => 1, file })).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      big: '12',
      run: undefined,
      file: { filename: 'a.mp3', bytes: 3, apiKey: redacted },
    });
  });
});

describe('redactBody', () => {
  it('blanks credential-named fields and keeps token counts readable', () => {
    const body = {
      model: 'gpt-4.1',
      max_tokens: 100,
      api_key: 'plain-secret-value',
      nested: { apiKey: 'x', access_token: 'y', password: 'p', client_secret: 's', Authorization: 'a' },
      usage: { input_tokens: 3 },
    };
    expect(JSON.parse(redactBody(body))).toEqual({
      model: 'gpt-4.1',
      max_tokens: 100,
      api_key: redacted,
      nested: {
        apiKey: redacted,
        access_token: redacted,
        password: redacted,
        client_secret: redacted,
        Authorization: redacted,
      },
      usage: { input_tokens: 3 },
    });
  });

  it('hides key and token patterns and URL credentials anywhere in text, JSON strings included', () => {
    const text = redactText(
      'use sk-proj-abcdefghijklmnop1234 or AIzaSyA1234567890abcdefghijklmnopqrstu; Authorization: Bearer abc.def-ghi_12345 via http://u:hunter2@proxy done',
    );
    expect(text).not.toMatch(/sk-proj|AIzaSy|abc\.def|hunter2/);
    expect(text).toContain(`Bearer ${redacted}`);
    expect(JSON.parse(redactBody('{"messages":[{"content":"my key is sk-ant-api03-abcdefghijklmnopqrst"}]}'))).toEqual({
      messages: [{ content: `my key is ${redacted}` }],
    });
    expect(redactBody('data: {"x":"gsk_abcdefghijklmnopqrstuv"}\n\n')).toBe(`data: {"x":"${redacted}"}\n\n`);
    // A model id with a key's prefix stays readable; the key itself does not.
    expect(redactText('model xai-grok-2-vision-1212, key xai-AbCdEfGhIjKlMnOpQrStUvWxYz0123')).toBe(
      `model xai-grok-2-vision-1212, key ${redacted}`,
    );
    expect(redactText('github_pat_11ABCDEFG0123456789_abcdefghijklmnop')).toBe(redacted);
    expect(redactBody('{"cut": "sk-abcdefghijklmnopqrstuvwxyz')).toBe(`{"cut": "${redacted}`);
  });
});
