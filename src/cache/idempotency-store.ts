import type { CachedAnswer } from './cached-answer.js';

interface Flight {
  /** Resolves with the answer when the first request succeeds, undefined when it fails. */
  settled: Promise<CachedAnswer | undefined>;
  resolve: (answer: CachedAnswer | undefined) => void;
  answer?: CachedAnswer;
  finishedAt?: number;
}

/** What a request carrying an idempotency key should do. */
export type IdempotencyClaim =
  /** First of its key: run, then `finish` with the answer (or undefined when it failed). */
  | { kind: 'first'; finish: (answer: CachedAnswer | undefined) => void }
  /** A repeat: the first request's answer (awaited if still running), or undefined (it failed: run normally). */
  | { kind: 'repeat'; answer: Promise<CachedAnswer | undefined> };

/** Keys remembered at most (in flight and finished); beyond it a new key is simply not deduplicated. */
const defaultMaxKeys = 10_000;

/**
 * `Idempotency-Key` (or `X-Request-Id`) deduplication, scoped per API key and route by the caller's key string.
 * A finished answer is replayed for `windowMs`; a repeat arriving while the first still runs waits for it. Only
 * successes are kept: after a failure the repeat runs as a new request. Memory is bounded by `maxKeys`.
 */
export class IdempotencyStore {
  private readonly flights = new Map<string, Flight>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(
    private readonly windowMs: () => number,
    options: { now?: () => number; maxKeys?: number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? defaultMaxKeys;
  }

  get activeKeys(): number {
    this.sweep();
    return this.flights.size;
  }

  claim(key: string): IdempotencyClaim | undefined {
    this.sweep();
    const existing = this.flights.get(key);
    if (existing !== undefined && !this.expired(existing)) {
      return {
        kind: 'repeat',
        answer: existing.answer === undefined ? existing.settled : Promise.resolve(existing.answer),
      };
    }
    this.flights.delete(key);
    if (this.flights.size >= this.maxKeys) return undefined;
    let resolve: Flight['resolve'] = () => {};
    const settled = new Promise<CachedAnswer | undefined>((done) => {
      resolve = done;
    });
    const flight: Flight = { settled, resolve };
    this.flights.set(key, flight);
    return {
      kind: 'first',
      finish: (answer) => {
        if (answer === undefined || this.windowMs() === 0) {
          if (this.flights.get(key) === flight) this.flights.delete(key);
        } else {
          flight.answer = answer;
          flight.finishedAt = this.now();
        }
        flight.resolve(answer);
      },
    };
  }

  clear(): void {
    // Waiters of a running first request still get its answer: clearing only forgets the keys.
    this.flights.clear();
  }

  private expired(flight: Flight): boolean {
    return flight.finishedAt !== undefined && this.now() - flight.finishedAt >= this.windowMs();
  }

  /** Drops finished keys past the window (oldest claims first, where expired ones gather). */
  private sweep(): void {
    for (const [key, flight] of this.flights) {
      if (this.expired(flight)) this.flights.delete(key);
      else if (flight.finishedAt !== undefined) break;
    }
  }
}
