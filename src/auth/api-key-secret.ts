import { createHash, randomBytes } from 'node:crypto';

/** Client keys look like `sk-omni-<43 base64url chars>`: 256 bits of randomness, recognisable in configs and leaks. */
const keyPrefix = 'sk-omni-';

export function generateApiKey(): string {
  return `${keyPrefix}${randomBytes(32).toString('base64url')}`;
}

/** Keys are high-entropy, so a fast unsalted SHA-256 is safe here and keeps the per-request check to ~1 µs. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Enough of the key to recognise it in a list, never enough to use it. */
export function displayPrefix(key: string): string {
  return `${key.slice(0, keyPrefix.length + 4)}…`;
}
