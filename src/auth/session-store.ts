import type { DashboardSessionsRepository } from '../storage/repositories/dashboard-sessions-repository.js';
import { hashSessionToken, newSessionToken } from './login-session.js';

export interface SessionStoreOptions {
  repository: DashboardSessionsRepository;
  /** Idle lifetime: a session not used for this long ends. */
  lifetimeMs: number;
  /** Absolute cap since login, whatever the renewals. */
  maxAgeMs: number;
  now?: () => number;
}

export type SessionCheck = { valid: false } | { valid: true; tokenHash: string; renewedUntil?: number };

/**
 * Dashboard sessions with a sliding expiry. A session used after half its lifetime is renewed to a full lifetime
 * again (never past `maxAgeMs` since login), so an active user stays logged in while a forgotten browser is logged
 * out. Renewing at most once per half-lifetime keeps it to one database write per session in that time.
 */
export class SessionStore {
  private readonly repository: DashboardSessionsRepository;
  private readonly lifetimeMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor({ repository, lifetimeMs, maxAgeMs, now = Date.now }: SessionStoreOptions) {
    this.repository = repository;
    this.lifetimeMs = lifetimeMs;
    this.maxAgeMs = maxAgeMs;
    this.now = now;
  }

  async start(): Promise<{ token: string; expiresAt: number }> {
    const now = this.now();
    const token = newSessionToken();
    const expiresAt = now + this.lifetimeMs;
    await this.repository.deleteExpired(now);
    await this.repository.create(hashSessionToken(token), expiresAt, now);
    return { token, expiresAt };
  }

  async check(token: string): Promise<SessionCheck> {
    const tokenHash = hashSessionToken(token);
    const session = await this.repository.find(tokenHash);
    const now = this.now();
    if (session === undefined || session.expiresAt <= now) return { valid: false };
    if (session.expiresAt - now > this.lifetimeMs / 2) return { valid: true, tokenHash };
    const renewedUntil = Math.min(now + this.lifetimeMs, session.createdAt + this.maxAgeMs);
    if (renewedUntil <= session.expiresAt) return { valid: true, tokenHash };
    await this.repository.extend(tokenHash, renewedUntil);
    return { valid: true, tokenHash, renewedUntil };
  }

  async end(token: string): Promise<void> {
    await this.repository.delete(hashSessionToken(token));
  }

  /** Ends every other session (every session when `keepToken` is undefined); answers how many ended. */
  async endOthers(keepToken: string | undefined): Promise<number> {
    return this.repository.deleteAllExcept(keepToken === undefined ? undefined : hashSessionToken(keepToken));
  }
}
