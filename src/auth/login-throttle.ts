import type { LoginThrottleConfig } from '../config/config.js';

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
  /** One password check at a time per IP: parallel guesses would all pass the lock check before any failed. */
  inFlight: boolean;
}

export type LoginOutcome = 'success' | 'failure' | 'aborted';

/**
 * Brute-force protection for the dashboard login, per client IP, in memory. After `maxFailures` failures the IP
 * is locked out for `baseLockoutMs`, and every further failure doubles that, up to `maxLockoutMs`. A success
 * forgets the IP; so does a quiet `windowMs` after its last failure or lockout.
 *
 * Memory is bounded: the map is kept in least-recently-seen order, stale entries at its front are swept as new
 * ones arrive, and beyond `maxTrackedIps` the oldest is forgotten. (An attacker with that many addresses can
 * already guess from each of them, so forgetting the oldest gives nothing away.)
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: LoginThrottleConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts an attempt: the seconds to wait when this IP may not try now, else undefined (and the attempt runs). */
  begin(ip: string): number | undefined {
    const now = this.now();
    const entry = this.live(ip, now);
    if (entry !== undefined && entry.lockedUntil > now) return Math.ceil((entry.lockedUntil - now) / 1000);
    if (entry?.inFlight) return 1;
    this.touch(ip, entry ?? { failures: 0, lastFailureAt: 0, lockedUntil: 0, inFlight: true }).inFlight = true;
    return undefined;
  }

  /** Ends an attempt begun with `begin`. For a failure, answers the lockout in seconds when it caused one. */
  end(ip: string, outcome: LoginOutcome): number | undefined {
    const now = this.now();
    if (outcome === 'success') {
      this.entries.delete(ip);
      return undefined;
    }
    const entry = this.live(ip, now);
    if (outcome === 'aborted') {
      if (entry !== undefined) entry.inFlight = false;
      if (entry?.failures === 0) this.entries.delete(ip);
      return undefined;
    }
    const { maxFailures, baseLockoutMs, maxLockoutMs } = this.options;
    const next = this.touch(ip, entry ?? { failures: 0, lastFailureAt: 0, lockedUntil: 0, inFlight: false });
    next.inFlight = false;
    next.failures += 1;
    next.lastFailureAt = now;
    if (next.failures < maxFailures) return undefined;
    const lockoutMs = Math.min(baseLockoutMs * 2 ** (next.failures - maxFailures), maxLockoutMs);
    next.lockedUntil = now + lockoutMs;
    return Math.ceil(lockoutMs / 1000);
  }

  /** IPs currently remembered (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private live(ip: string, now: number): Entry | undefined {
    const entry = this.entries.get(ip);
    if (entry === undefined || !this.isStale(entry, now)) return entry;
    this.entries.delete(ip);
    return undefined;
  }

  private isStale(entry: Entry, now: number): boolean {
    return !entry.inFlight && now - Math.max(entry.lastFailureAt, entry.lockedUntil) > this.options.windowMs;
  }

  /** Moves the entry to the back (most recently seen), then sweeps stale entries and overflow from the front. */
  private touch(ip: string, entry: Entry): Entry {
    this.entries.delete(ip);
    this.entries.set(ip, entry);
    const now = this.now();
    for (const [oldestIp, oldest] of this.entries) {
      if (oldestIp === ip) break;
      if (this.entries.size <= this.options.maxTrackedIps && !this.isStale(oldest, now)) break;
      this.entries.delete(oldestIp);
    }
    return entry;
  }
}
