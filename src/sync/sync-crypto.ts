import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { GatewayError } from '../core/errors.js';

/** Key derivation parameters, carried in every bundle so any instance with the passphrase can derive the same keys. */
export interface SyncKdf {
  algorithm: 'scrypt';
  /** base64url, 16 random bytes. */
  salt: string;
  N: number;
  r: number;
  p: number;
}

export interface SyncKeys {
  /** AES-256-GCM key for secrets. */
  encryption: Buffer;
  /** HMAC-SHA256 key for the bundle as a whole. */
  mac: Buffer;
}

/** scrypt N=2^15, r=8, p=1: OWASP's recommended minimum (about 32 MiB and ~100 ms once per salt, then cached). */
export function newKdf(): SyncKdf {
  return { algorithm: 'scrypt', salt: randomBytes(16).toString('base64url'), N: 2 ** 15, r: 8, p: 1 };
}

/** A bundle from the hub chooses its own parameters: bound them so a hostile hub cannot make us burn memory. */
export function assertKdfBounds(kdf: SyncKdf): void {
  const powerOfTwo = Number.isInteger(Math.log2(kdf.N));
  if (!powerOfTwo || kdf.N < 2 ** 14 || kdf.N > 2 ** 20 || kdf.r < 1 || kdf.r > 16 || kdf.p < 1 || kdf.p > 4) {
    throw bundleRefused('its key derivation parameters are out of the accepted range');
  }
}

export async function deriveSyncKeys(passphrase: string, kdf: SyncKdf): Promise<SyncKeys> {
  assertKdfBounds(kdf);
  return new Promise((resolve, reject) => {
    // Async scrypt runs on the thread pool: a derivation never stalls requests being served.
    const maxmem = 256 * kdf.N * kdf.r + 1024 * 1024;
    const salt = Buffer.from(kdf.salt, 'base64url');
    scrypt(passphrase, salt, 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve({ encryption: key.subarray(0, 32), mac: key.subarray(32) });
    });
  });
}

/** `iv.tag.ciphertext` (base64url); `context` (the object's kind and id) is bound as associated data. */
export function sealSecret(keys: SyncKeys, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
}

export function openSecret(keys: SyncKeys, sealed: string, context: string): string {
  const [iv, tag, ciphertext] = sealed.split('.');
  if (iv === undefined || tag === undefined || ciphertext === undefined) throw bundleRefused('a secret is malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw bundleRefused('a secret failed authentication');
  }
}

export function macOf(keys: SyncKeys, text: string): string {
  return createHmac('sha256', keys.mac).update(text, 'utf8').digest('base64url');
}

/** Proves the passphrase without revealing it: a wrong one is told apart from a tampered bundle. */
export function keyCheckOf(keys: SyncKeys): string {
  return macOf(keys, 'omniroute-sync-key-check');
}

export function sameMac(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function bundleRefused(reason: string): GatewayError {
  return new GatewayError('invalid_request', `The sync bundle was refused: ${reason}. Nothing was changed.`, {
    status: 422,
  });
}

export function wrongPassphrase(): GatewayError {
  return new GatewayError(
    'invalid_request',
    'The sync passphrase is wrong: it does not open the bundle on the hub. Nothing was changed.',
    { status: 422, param: 'passphrase' },
  );
}
