import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageError } from './database.js';

/**
 * Seals provider secrets with AES-256-GCM. Sealed form: `v1:<iv>:<tag>:<ciphertext>` (base64url parts),
 * so a future key rotation can tell versions apart.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const version = 'v1';

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The storage encryption key must be 32 bytes');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [version, iv, cipher.getAuthTag(), ciphertext].map(encodePart).join(':');
    },
    open(sealed) {
      const [tag, ivText, authTag, ciphertext] = sealed.split(':');
      if (tag !== version || !ivText || !authTag || ciphertext === undefined) {
        throw new StorageError('A stored secret is not in a known sealed format');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
        decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new StorageError(
          'A stored secret cannot be decrypted: STORAGE_ENCRYPTION_KEY (or DATA_DIR/storage.key) is not the key it was sealed with.',
        );
      }
    },
  };
}

function encodePart(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}

/**
 * The key comes from STORAGE_ENCRYPTION_KEY when set (64 hex chars or base64 of 32 bytes are used as is; any other
 * passphrase is hashed to 32 bytes), else from DATA_DIR/storage.key, generated once with mode 0600.
 */
export function loadEncryptionKey(dataDir: string, configured: string | undefined): Buffer {
  if (configured !== undefined) return keyFromText(configured);
  const keyFile = join(dataDir, 'storage.key');
  if (existsSync(keyFile)) return keyFromText(readFileSync(keyFile, 'utf8').trim());
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  return key;
}

function keyFromText(text: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const base64 = Buffer.from(text, 'base64');
  if (base64.length === 32 && /^[A-Za-z0-9+/]{43}=?$/.test(text)) return base64;
  return createHash('sha256').update(text, 'utf8').digest();
}
