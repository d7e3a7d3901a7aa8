import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { openBundle, sealBundle } from './sync-bundle.js';
import { deriveSyncKeys, macOf, newKdf } from './sync-crypto.js';
import { contentHash, type SyncEntry } from './sync-entry.js';

const kdf = newKdf();
const keys = await deriveSyncKeys('correct horse battery', kdf);

function connection(apiKey: string): SyncEntry {
  const content = {
    data: {
      id: 'c1',
      provider: 'openai',
      name: 'main',
      auth_type: 'api-key',
      base_url: null,
      priority: 1,
      is_active: 1,
      token_expires_at: null,
      oauth_status: null,
      oauth_reason: null,
      account: null,
      created_at: 1,
    },
    secrets: { secret: apiKey, proxy_url: null, oauth_tokens: null },
  };
  return {
    kind: 'connection',
    id: 'c1',
    updatedAt: 10,
    origin: 'a',
    deleted: false,
    content,
    hash: contentHash(content),
  };
}

const tombstone: SyncEntry = { kind: 'combo', id: 'x', updatedAt: 5, origin: 'b', deleted: true, hash: 'tombstone' };

function seal(entries: SyncEntry[]) {
  return JSON.parse(JSON.stringify(sealBundle({ entries, keys, kdf, origin: 'a', now: 100 })));
}

describe('sync bundle', () => {
  it('round-trips objects and tombstones, with secrets encrypted in the document', async () => {
    const bundle = seal([connection('sk-secret-123'), tombstone]);
    expect(JSON.stringify(bundle)).not.toContain('sk-secret-123');
    expect(bundle.kdf).toMatchObject({ algorithm: 'scrypt', N: 32768 });
    const opened = openBundle(bundle, keys);
    expect(opened).toEqual([tombstone, connection('sk-secret-123')]);
  });

  it('refuses a wrong passphrase by name', async () => {
    const wrong = await deriveSyncKeys('not the passphrase', kdf);
    expect(() => openBundle(seal([connection('k')]), wrong)).toThrow(/passphrase is wrong/);
  });

  it('refuses any modified field, even one outside the secrets', () => {
    const bundle = seal([connection('k')]);
    bundle.objects[0].data.name = 'renamed';
    expect(() => openBundle(bundle, keys)).toThrow(/integrity check failed/);
    const reordered = seal([connection('k')]);
    reordered.objects[0].updatedAt = 11;
    expect(() => openBundle(reordered, keys)).toThrow(/integrity check failed/);
  });

  it('refuses a secret moved to another object (bound to its kind and id)', () => {
    const bundle = seal([connection('k')]);
    const moved = { ...bundle.objects[0], id: 'c2', data: { ...bundle.objects[0].data, id: 'c2' } };
    const { mac: _mac, ...unsigned } = { ...bundle, objects: [moved] };
    // Even under a valid MAC, a sealed secret only opens for the object it was sealed for.
    expect(() => openBundle({ ...unsigned, mac: macOf(keys, canonicalJson(unsigned)) }, keys)).toThrow(
      /a secret failed authentication/,
    );
  });

  it('refuses objects with unknown fields or wrong types', () => {
    const entry = connection('k');
    const broken = { ...entry, content: { ...entry.content, data: { ...entry.content?.data, priority: 'high' } } };
    expect(() => openBundle(seal([broken as SyncEntry]), keys)).toThrow(/invalid 'priority'/);
  });

  it('passes on kinds and settings sections from a newer version, and refuses local-only settings', () => {
    const future = { data: { anything: 1 }, secrets: {} };
    const entries: SyncEntry[] = [
      {
        kind: 'future-kind',
        id: 'f1',
        updatedAt: 1,
        origin: 'a',
        deleted: false,
        content: future,
        hash: contentHash(future),
      },
    ];
    expect(openBundle(seal(entries), keys)).toEqual(entries);
    const local = { data: { value: { hubEnabled: true } }, secrets: {} };
    const sync = { kind: 'setting', id: 'sync', updatedAt: 1, origin: 'a', deleted: false, content: local, hash: '' };
    expect(() => openBundle(seal([sync]), keys)).toThrow(/not a synced settings section/);
  });

  it('refuses key derivation parameters out of range', async () => {
    await expect(deriveSyncKeys('x', { ...kdf, N: 2 ** 24 })).rejects.toThrow(/out of the accepted range/);
  });

  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe(canonicalJson({ a: [{ c: null, d: 2 }], b: 1 }));
  });
});
