import { z } from 'zod';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerStatus {
  provider: string;
  state: BreakerState;
  /** Consecutive failures (in OPEN / HALF_OPEN: since the breaker last closed). */
  failures: number;
  openedAt?: number;
  /** When the next probe may go out: in OPEN the end of the reset time, in HALF_OPEN the probe's own deadline. */
  nextProbeAt?: number;
}

export interface BreakerOptions {
  failureThreshold: number;
  resetMs: number;
}

interface Breaker {
  state: BreakerState;
  failures: number;
  openedAt?: number;
  /** HALF_OPEN only: when the outstanding probe went out. */
  probeStartedAt?: number;
}

const breakerSchema = z.object({
  provider: z.string().min(1),
  state: z.enum(['closed', 'open', 'half_open']),
  failures: z.number().int().min(0),
  openedAt: z.number().optional(),
});
const snapshotSchema = z.object({ breakers: z.array(z.unknown()) });

/**
 * Provider circuit breakers (spec §3, layer 2): CLOSED → OPEN after `failureThreshold` consecutive failures →
 * HALF_OPEN (one probe) after `resetMs`. The caller feeds only failures whose classification says `breaker`
 * (5xx, 408, timeouts, network), so 401/403/429 never trip it. Recovery is lazy, as in the original: no timers,
 * `canRequest` moves OPEN → HALF_OPEN once the reset time has passed.
 */
export class CircuitBreakers {
  private failureThreshold: number;
  private resetMs: number;
  private readonly now: () => number;
  /** Closed breakers without failures are not stored. */
  private readonly breakers = new Map<string, Breaker>();

  constructor(options: BreakerOptions & { now?: () => number }) {
    const { failureThreshold, resetMs, now = Date.now } = options;
    this.failureThreshold = failureThreshold;
    this.resetMs = resetMs;
    this.now = now;
  }

  /** Applies from the next failure / the next check; an open breaker's openedAt is kept. */
  configure(options: BreakerOptions): void {
    this.failureThreshold = options.failureThreshold;
    this.resetMs = options.resetMs;
  }

  /**
   * Whether a request may go to the provider now. In HALF_OPEN exactly one probe is allowed; the caller that got
   * `true` owns it and must report its outcome. A probe that never reports (aborted, crashed) would otherwise wedge
   * the breaker in HALF_OPEN, so after another `resetMs` a fresh probe is allowed. Ask last, right before sending:
   * a `true` that is not followed by a request holds the probe slot until then.
   */
  canRequest(provider: string): boolean {
    const breaker = this.breakers.get(provider);
    if (breaker === undefined || breaker.state === 'closed') return true;
    const now = this.now();
    if (breaker.state === 'open') {
      if (now < (breaker.openedAt ?? 0) + this.resetMs) return false;
      breaker.state = 'half_open';
      breaker.probeStartedAt = now;
      return true;
    }
    if (now < (breaker.probeStartedAt ?? 0) + this.resetMs) return false;
    breaker.probeStartedAt = now;
    return true;
  }

  /**
   * CLOSED: resets the consecutive count. HALF_OPEN: the probe worked, close. OPEN: ignored, because it comes from
   * a request that started before the breaker tripped; only a probe may close an open breaker. Returns true when
   * the stored state changed (so the caller persists it).
   */
  recordSuccess(provider: string): boolean {
    const breaker = this.breakers.get(provider);
    if (breaker === undefined || breaker.state === 'open') return false;
    return this.breakers.delete(provider);
  }

  /**
   * CLOSED: counts, and trips at the threshold. HALF_OPEN: the probe failed, open again with a new openedAt.
   * OPEN: counted, but openedAt stays, so late failures of requests that were already in flight do not keep
   * postponing the probe.
   */
  recordFailure(provider: string): void {
    const now = this.now();
    const breaker = this.breakers.get(provider) ?? { state: 'closed', failures: 0 };
    breaker.failures += 1;
    if (breaker.state === 'half_open' || (breaker.state === 'closed' && breaker.failures >= this.failureThreshold)) {
      breaker.state = 'open';
      breaker.openedAt = now;
      breaker.probeStartedAt = undefined;
    }
    this.breakers.set(provider, breaker);
  }

  /** Reports the stored state without side effects: an OPEN breaker whose nextProbeAt has passed stays OPEN here. */
  status(provider: string): BreakerStatus {
    const breaker = this.breakers.get(provider);
    if (breaker === undefined) return { provider, state: 'closed', failures: 0 };
    const status: BreakerStatus = { provider, state: breaker.state, failures: breaker.failures };
    if (breaker.openedAt !== undefined) status.openedAt = breaker.openedAt;
    if (breaker.state === 'open') status.nextProbeAt = (breaker.openedAt ?? 0) + this.resetMs;
    if (breaker.state === 'half_open') status.nextProbeAt = (breaker.probeStartedAt ?? 0) + this.resetMs;
    return status;
  }

  /** Breakers that are not closed, or closed with failures counted. */
  list(): BreakerStatus[] {
    return [...this.breakers.keys()].map((provider) => this.status(provider));
  }

  reset(provider?: string): void {
    if (provider === undefined) this.breakers.clear();
    else this.breakers.delete(provider);
  }

  toJSON(): { breakers: Array<Omit<BreakerStatus, 'nextProbeAt'>> } {
    return {
      breakers: this.list().map(({ nextProbeAt: _nextProbeAt, ...rest }) => rest),
    };
  }

  /**
   * Loads a snapshot from `toJSON`, skipping malformed entries; existing state is replaced. A HALF_OPEN breaker comes
   * back OPEN with its old openedAt: its probe died with the process, so the next request probes again. With
   * `merge` only the given providers are replaced.
   */
  restore(snapshot: unknown, { merge = false } = {}): void {
    const parsed = snapshotSchema.safeParse(snapshot);
    if (!parsed.success) return;
    if (!merge) this.breakers.clear();
    for (const raw of parsed.data.breakers) {
      const entry = breakerSchema.safeParse(raw);
      if (!entry.success) continue;
      const { provider, state, failures, openedAt } = entry.data;
      if (state === 'closed') {
        if (failures > 0) this.breakers.set(provider, { state, failures });
      } else if (openedAt !== undefined) {
        this.breakers.set(provider, { state: 'open', failures, openedAt });
      }
    }
  }
}
