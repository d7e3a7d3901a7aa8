import { describe, expect, it } from 'vitest';
import type { ClientIdentity } from '../auth/key-index.js';
import type { ApiKeyRecord } from '../storage/repositories/api-keys-repository.js';
import { compileKeyPolicy, KeyGovernance } from './key-governance.js';
import type { KeyPolicy } from './key-policy.js';

function identity(policy: KeyPolicy, extra: Partial<ApiKeyRecord> = {}): ClientIdentity {
  const record: ApiKeyRecord = {
    id: 'k1',
    name: 'team',
    keyHash: 'h',
    keyPrefix: 'p',
    scopes: [],
    createdAt: 0,
    revokedAt: null,
    policy,
    expiresAt: null,
    disabled: false,
    ...extra,
  };
  return { keyId: record.id, keyName: record.name, scopes: [], policy: compileKeyPolicy(record) };
}

const done = { tokens: undefined, costNano: 0 };

const request = (id: ClientIdentity, tokens = 10) => ({
  identity: id,
  models: ['gpt-4.1'],
  combo: undefined,
  estimateTokens: () => tokens,
  estimateCostNano: () => 0,
});

describe('KeyGovernance', () => {
  it('compiles no policy for an unrestricted key', () => {
    expect(identity({}).policy).toBeUndefined();
  });

  it('counts concurrency until released, once per request', async () => {
    const governance = new KeyGovernance({ now: () => 0 });
    const id = identity({ limits: { maxConcurrent: 2 } });
    const first = await governance.admit(request(id));
    await governance.admit(request(id));
    await expect(governance.admit(request(id))).rejects.toThrow(/2 requests in flight/);
    first(done);
    first(done);
    await governance.admit(request(id));
    await expect(governance.admit(request(id))).rejects.toThrow(/in flight/);
  });

  it('reserves the estimate against tokens per minute and settles to the real count', async () => {
    let now = 0;
    const governance = new KeyGovernance({ now: () => now });
    const id = identity({ limits: { tpm: 100 } });
    const release = await governance.admit(request(id, 100));
    await expect(governance.admit(request(id, 1))).rejects.toThrow(/100 tokens per minute/);
    release({ tokens: 20, costNano: 0 });
    (await governance.admit(request(id, 50)))({ tokens: 50, costNano: 0 });
    await expect(governance.admit(request(id, 1))).resolves.toBeTypeOf('function');
    now = 61_000;
    await expect(governance.admit(request(id, 1))).resolves.toBeTypeOf('function');
  });

  it('refuses with 429 and a Retry-After in whole seconds', async () => {
    const governance = new KeyGovernance({ now: () => 1_500 });
    const id = identity({ limits: { rpm: 1 } });
    await governance.admit(request(id));
    await expect(governance.admit(request(id))).rejects.toMatchObject({ status: 429, retryAfterSeconds: 60 });
  });

  it('checks disabled, expired and address before anything else', () => {
    const governance = new KeyGovernance({ now: () => 1_000 });
    expect(() => governance.checkKey(identity({}, { disabled: true }), '1.2.3.4')).toThrow(/disabled/);
    expect(() => governance.checkKey(identity({}, { expiresAt: 1_000 }), '1.2.3.4')).toThrow(/expired/);
    expect(() => governance.checkKey(identity({}, { expiresAt: 2_000 }), '1.2.3.4')).not.toThrow();
    const office = identity({ ipAllowlist: ['10.0.0.0/8'] });
    expect(() => governance.checkKey(office, '10.1.2.3')).not.toThrow();
    expect(() => governance.checkKey(office, '11.1.2.3')).toThrow(/11\.1\.2\.3/);
  });
});
