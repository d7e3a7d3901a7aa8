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

/** Sessions remembered for a database outage; beyond this the oldest are forgotten. */
const maxRemembered = 1000;

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
  /**
   * Sessions this process saw valid in the database, with their expiry. Only read when the database cannot answer
   * (PostgreSQL down): an administrator who was logged in can still open the dashboard and see what is wrong.
   */
  private readonly remembered = new Map<string, number>();

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
    const session = await this.repository.find(tokenHash).catch((error: unknown) => {
      const expiresAt = this.remembered.get(tokenHash);
      if (expiresAt !== undefined && expiresAt > this.now()) return 'remembered' as const;
      throw error;
    });
    if (session === 'remembered') return { valid: true, tokenHash };
    const now = this.now();
    if (session === undefined || session.expiresAt <= now) {
      this.remembered.delete(tokenHash);
      return { valid: false };
    }
    this.remember(tokenHash, session.expiresAt);
    if (session.expiresAt - now > this.lifetimeMs / 2) return { valid: true, tokenHash };
    const renewedUntil = Math.min(now + this.lifetimeMs, session.createdAt + this.maxAgeMs);
    if (renewedUntil <= session.expiresAt) return { valid: true, tokenHash };
    await this.repository.extend(tokenHash, renewedUntil);
    this.remember(tokenHash, renewedUntil);
    return { valid: true, tokenHash, renewedUntil };
  }

  async end(token: string): Promise<void> {
    const tokenHash = hashSessionToken(token);
    this.remembered.delete(tokenHash);
    await this.repository.delete(tokenHash);
  }

  /** Ends every other session (every session when `keepToken` is undefined); answers how many ended. */
  async endOthers(keepToken: string | undefined): Promise<number> {
    const keep = keepToken === undefined ? undefined : hashSessionToken(keepToken);
    for (const tokenHash of this.remembered.keys()) if (tokenHash !== keep) this.remembered.delete(tokenHash);
    return this.repository.deleteAllExcept(keep);
  }

  private remember(tokenHash: string, expiresAt: number): void {
    this.remembered.delete(tokenHash);
    this.remembered.set(tokenHash, expiresAt);
    if (this.remembered.size > maxRemembered) {
      const oldest = this.remembered.keys().next().value;
      if (oldest !== undefined) this.remembered.delete(oldest);
    }
  }
}
