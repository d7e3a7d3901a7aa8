import { z } from 'zod';
import { type FailureReason, failureReasons } from './classify-failure.js';

export interface CooldownEntry {
  connectionId: string;
  /** Epoch ms until which the account is parked. */
  until: number;
  /** 1 for the first cooldown in a row, +1 for each further one. */
  level: number;
  reason: FailureReason;
  /** True when `until` came from the upstream's Retry-After rather than our backoff. */
  retryAfter: boolean;
}

export interface CooldownOptions {
  baseMs: number;
  maxMs: number;
}

/** Keeps 2^(level−1) finite and meaningful; far beyond any maxMs / baseMs ratio anyone configures. */
const maxLevel = 30;

/** How long after a cooldown ends its level is remembered, in multiples of maxMs (see `recordFailure`). */
const memoryFactor = 2;

const entrySchema = z.object({
  connectionId: z.string().min(1),
  until: z.number(),
  level: z.number().int().min(1).max(maxLevel),
  reason: z.enum(failureReasons as [FailureReason, ...FailureReason[]]),
  retryAfter: z.boolean(),
});
const snapshotSchema = z.object({ entries: z.array(z.unknown()) });

/**
 * Connection cooldown: parks one failing account (spec §3, layer 1). Recovery is lazy (no timers): an account is
 * usable again as soon as `until` has passed.
 */
export class CooldownTracker {
  private baseMs: number;
  private maxMs: number;
  private readonly now: () => number;
  /** Active cooldowns plus recently expired ones whose level is still remembered. */
  private readonly entries = new Map<string, CooldownEntry>();

  constructor(options: CooldownOptions & { now?: () => number }) {
    const { baseMs, maxMs, now = Date.now } = options;
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.now = now;
  }

  /** New base/max apply to the next failure; running cooldowns keep their end time. */
  configure(options: CooldownOptions): void {
    this.baseMs = options.baseMs;
    this.maxMs = options.maxMs;
  }

  /**
   * Parks the account and returns its cooldown.
   *
   * - Retry-After wins exactly: `until = now + retryAfterMs`, even beyond maxMs (the upstream knows its own reset).
   *   The level still rises by one, so if the next failure comes without a hint the backoff continues from there.
   * - Otherwise exponential backoff: baseMs × 2^(level−1), capped at maxMs.
   * - A failure that arrives while the account is already cooling down is a sibling of the one that parked it
   *   (requests that were in flight at the same time), so it does not raise the level again (the original's
   *   anti-thundering-herd rule). It only pushes `until` out when its own end time is later.
   * - After a cooldown ends, its level is remembered for memoryFactor × maxMs, so an account that flaps
   *   (fails again soon after coming back) backs off further instead of starting over at baseMs.
   */
  recordFailure(connectionId: string, failure: { reason: FailureReason; retryAfterMs?: number }): CooldownEntry {
    const now = this.now();
    const previous = this.remembered(connectionId, now);
    const hint = failure.retryAfterMs;
    const retryAfter = hint !== undefined && Number.isFinite(hint);

    if (previous !== undefined && previous.until > now) {
      const until = retryAfter ? now + Math.max(0, hint) : now + this.backoffMs(previous.level);
      if (until > previous.until) {
        const extended: CooldownEntry = { ...previous, until, reason: failure.reason, retryAfter };
        this.entries.set(connectionId, extended);
        return { ...extended };
      }
      return { ...previous };
    }

    const level = Math.min((previous?.level ?? 0) + 1, maxLevel);
    const until = retryAfter ? now + Math.max(0, hint) : now + this.backoffMs(level);
    const entry: CooldownEntry = { connectionId, until, level, reason: failure.reason, retryAfter };
    this.entries.set(connectionId, entry);
    return { ...entry };
  }

  /**
   * A success proves the account works again: the cooldown and its level are gone. Returns true when a running
   * cooldown ended (the persisted state changed); a forgotten level alone is not persisted.
   */
  recordSuccess(connectionId: string): boolean {
    const wasCooling = this.active(connectionId) !== undefined;
    this.entries.delete(connectionId);
    return wasCooling;
  }

  active(connectionId: string): CooldownEntry | undefined {
    const now = this.now();
    const entry = this.remembered(connectionId, now);
    return entry !== undefined && entry.until > now ? { ...entry } : undefined;
  }

  /** Accounts cooling down right now. */
  list(): CooldownEntry[] {
    const now = this.now();
    const result: CooldownEntry[] = [];
    for (const connectionId of [...this.entries.keys()]) {
      const entry = this.remembered(connectionId, now);
      if (entry !== undefined && entry.until > now) result.push({ ...entry });
    }
    return result;
  }

  clear(connectionId?: string): void {
    if (connectionId === undefined) this.entries.clear();
    else this.entries.delete(connectionId);
  }

  toJSON(): { entries: CooldownEntry[] } {
    return { entries: this.list() };
  }

  /**
   * Loads a snapshot from `toJSON`, skipping malformed and already expired entries. Existing state is replaced, or
   * with `merge` only the given accounts are (another process's update: remembered levels of the others stay).
   */
  restore(snapshot: unknown, { merge = false } = {}): void {
    const parsed = snapshotSchema.safeParse(snapshot);
    if (!parsed.success) return;
    if (!merge) this.entries.clear();
    const now = this.now();
    for (const raw of parsed.data.entries) {
      const entry = entrySchema.safeParse(raw);
      if (entry.success && entry.data.until > now) this.entries.set(entry.data.connectionId, entry.data);
    }
  }

  private backoffMs(level: number): number {
    return Math.min(this.maxMs, this.baseMs * 2 ** (level - 1));
  }

  /** The entry if its level is still remembered; forgets it (lazily) otherwise. */
  private remembered(connectionId: string, now: number): CooldownEntry | undefined {
    const entry = this.entries.get(connectionId);
    if (entry === undefined) return undefined;
    if (now >= entry.until + memoryFactor * this.maxMs) {
      this.entries.delete(connectionId);
      return undefined;
    }
    return entry;
  }
}
