import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadEncryptionKey } from './secret-box.js';

describe('secret box', () => {
  it('seals with a fresh IV each time and opens what it sealed', () => {
    const box = createSecretBox(Buffer.alloc(32, 1));
    const first = box.seal('sk-secret');
    expect(first).not.toContain('sk-secret');
    expect(box.seal('sk-secret')).not.toBe(first);
    expect(box.open(first)).toBe('sk-secret');
  });

  it('refuses to open with another key or after tampering', () => {
    const sealed = createSecretBox(Buffer.alloc(32, 1)).seal('sk-secret');
    expect(() => createSecretBox(Buffer.alloc(32, 2)).open(sealed)).toThrow(/not the key it was sealed with/);
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => createSecretBox(Buffer.alloc(32, 1)).open(parts.join(':'))).toThrow();
  });

  it('generates the key once into DATA_DIR with mode 0600, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'omniroute-key-'));
    try {
      const key = loadEncryptionKey(dir, undefined);
      expect(statSync(join(dir, 'storage.key')).mode & 0o777).toBe(0o600);
      expect(loadEncryptionKey(dir, undefined).equals(key)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('derives a 32-byte key from any STORAGE_ENCRYPTION_KEY passphrase', () => {
    expect(loadEncryptionKey('/nonexistent', 'a passphrase').length).toBe(32);
    expect(loadEncryptionKey('/nonexistent', 'ab'.repeat(32)).equals(Buffer.alloc(32, 0xab))).toBe(true);
  });
});
