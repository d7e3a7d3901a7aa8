import { z } from 'zod';

export interface LockoutOptions {
  threshold: number;
  durationMs: number;
}

export interface ModelLockout {
  connectionId: string;
  model: string;
  until: number;
  failures: number;
}

interface Pair {
  failures: number;
  lastFailureAt: number;
  /** 0 while never locked. */
  until: number;
}

const lockoutSchema = z.object({
  connectionId: z.string().min(1),
  model: z.string().min(1),
  until: z.number(),
  failures: z.number().int().min(1),
});
const snapshotSchema = z.object({ lockouts: z.array(z.unknown()) });

/**
 * Model lockout (spec §3, layer 3): a (connection, model) pair that keeps failing, typically because the model does
 * not exist on that account, is skipped for `durationMs` after `threshold` consecutive failures. The account and its
 * other models stay usable. Recovery is lazy (no timers).
 */
export class ModelLockouts {
  private threshold: number;
  private durationMs: number;
  private readonly now: () => number;
  private readonly pairs = new Map<string, Map<string, Pair>>();

  constructor(options: LockoutOptions & { now?: () => number }) {
    const { threshold, durationMs, now = Date.now } = options;
    this.threshold = threshold;
    this.durationMs = durationMs;
    this.now = now;
  }

  /** Applies from the next failure; running lockouts keep their end time. */
  configure(options: LockoutOptions): void {
    this.threshold = options.threshold;
    this.durationMs = options.durationMs;
  }

  /**
   * Counts a failure; returns true when this failure locked the pair. Failures while locked (requests that were
   * already in flight) are counted but neither extend the lockout nor report a new one.
   *
   * Memory: a pair is forgotten `durationMs` after its last failure or the end of its lockout, whichever is later.
   * Until then the count is kept, so a pair that fails again right after its lockout ended is locked again at once
   * (it is almost certainly still missing) instead of costing `threshold` more failed requests.
   */
  recordFailure(connectionId: string, model: string): boolean {
    const now = this.now();
    const pair = this.remembered(connectionId, model, now) ?? { failures: 0, lastFailureAt: now, until: 0 };
    pair.failures += 1;
    pair.lastFailureAt = now;
    this.store(connectionId, model, pair);
    if (pair.until > now || pair.failures < this.threshold) return false;
    pair.until = now + this.durationMs;
    return true;
  }

  /**
   * The model answered on this account: the pair is fine again, even if it was locked. Returns true when a lockout
   * was lifted (only those are persisted).
   */
  recordSuccess(connectionId: string, model: string): boolean {
    const wasLocked = this.isLocked(connectionId, model);
    this.forget(connectionId, model);
    return wasLocked;
  }

  isLocked(connectionId: string, model: string): boolean {
    const now = this.now();
    const pair = this.remembered(connectionId, model, now);
    return pair !== undefined && pair.until > now;
  }

  /** Pairs locked right now. */
  list(): ModelLockout[] {
    const now = this.now();
    const result: ModelLockout[] = [];
    for (const [connectionId, models] of [...this.pairs]) {
      for (const model of [...models.keys()]) {
        const pair = this.remembered(connectionId, model, now);
        if (pair !== undefined && pair.until > now) {
          result.push({ connectionId, model, until: pair.until, failures: pair.failures });
        }
      }
    }
    return result;
  }

  clear(): void {
    this.pairs.clear();
  }

  /** Lifts one lockout (or every lockout of one connection) by hand. */
  unlock(connectionId: string, model?: string): void {
    if (model === undefined) this.pairs.delete(connectionId);
    else this.forget(connectionId, model);
  }

  toJSON(): { lockouts: ModelLockout[] } {
    return { lockouts: this.list() };
  }

  /** Loads a snapshot from `toJSON`, skipping malformed and expired entries; existing state is replaced (or merged). */
  restore(snapshot: unknown, { merge = false } = {}): void {
    const parsed = snapshotSchema.safeParse(snapshot);
    if (!parsed.success) return;
    if (!merge) this.pairs.clear();
    const now = this.now();
    for (const raw of parsed.data.lockouts) {
      const entry = lockoutSchema.safeParse(raw);
      if (!entry.success || entry.data.until <= now) continue;
      const { connectionId, model, until, failures } = entry.data;
      this.store(connectionId, model, { failures, lastFailureAt: now, until });
    }
  }

  private remembered(connectionId: string, model: string, now: number): Pair | undefined {
    const pair = this.pairs.get(connectionId)?.get(model);
    if (pair === undefined) return undefined;
    if (now >= Math.max(pair.lastFailureAt, pair.until) + this.durationMs) {
      this.forget(connectionId, model);
      return undefined;
    }
    return pair;
  }

  private store(connectionId: string, model: string, pair: Pair): void {
    let models = this.pairs.get(connectionId);
    if (models === undefined) {
      models = new Map();
      this.pairs.set(connectionId, models);
    }
    models.set(model, pair);
  }

  private forget(connectionId: string, model: string): void {
    const models = this.pairs.get(connectionId);
    if (models === undefined) return;
    models.delete(model);
    if (models.size === 0) this.pairs.delete(connectionId);
  }
}
