import { createHash, randomBytes } from 'node:crypto';

export const sessionCookieName = 'auth_token';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
