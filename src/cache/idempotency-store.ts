import type { CachedAnswer } from './cached-answer.js';

/** What a request carrying an idempotency key should do. */
export type IdempotencyClaim =
  /** First of its key: run, then `finish` with the answer (or undefined when it failed). */
  | { kind: 'first'; finish: (answer: CachedAnswer | undefined) => void }
  /** A repeat: the first request's answer (awaited if still running), or undefined (it failed: run normally). */
  | { kind: 'repeat'; answer: Promise<CachedAnswer | undefined> };

/**
 * `Idempotency-Key` (or `X-Request-Id`) deduplication, scoped per API key and route by the caller's key string: the
 * first request of a key runs, a repeat waits for it or replays its answer within the window, failures are
 * forgotten. In memory (`LocalIdempotencyStore`), or shared by every gateway process through Redis
 * (`cluster/redis-idempotency-store.ts`).
 */
export interface IdempotencyStore {
  /** Undefined: not deduplicated (the store is full). */
  claim(key: string): Promise<IdempotencyClaim | undefined>;
  clear(): Promise<void>;
  /** Keys this process remembers (in flight and finished). */
  readonly activeKeys: number;
  readonly backend: 'memory' | 'redis';
}

interface Flight {
  /** Resolves with the answer when the first request succeeds, undefined when it fails. */
  settled: Promise<CachedAnswer | undefined>;
  resolve: (answer: CachedAnswer | undefined) => void;
  answer?: CachedAnswer;
  finishedAt?: number;
}

/**
 * A repeat waits this long at most for the first request with its idempotency key; then it runs on its own. Across
 * processes it is also how long a first request's "running" mark lives (a crashed process's mark goes by itself).
 */
export const maxIdempotencyWaitMs = 120_000;

/** Keys remembered at most (in flight and finished); beyond it a new key is simply not deduplicated. */
const defaultMaxKeys = 10_000;

/**
 * The in-memory store: a finished answer is replayed for `windowMs`; a repeat arriving while the first still runs
 * waits for it. Only successes are kept: after a failure the repeat runs as a new request. Memory is bounded by
 * `maxKeys`.
 */
export class LocalIdempotencyStore implements IdempotencyStore {
  readonly backend = 'memory';
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

  /** Async for the interface only: the claim is taken synchronously, so same-process twins stay ordered. */
  async claim(key: string): Promise<IdempotencyClaim | undefined> {
    return this.claimNow(key);
  }

  claimNow(key: string): IdempotencyClaim | undefined {
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

  async clear(): Promise<void> {
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
