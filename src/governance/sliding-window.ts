/**
 * Exact sliding-window request counter: a ring of the last `limit` admission times. A request is admitted when the
 * oldest of those is older than the window, so memory is bounded by the limit and a check costs O(1).
 */
export class RequestWindow {
  private readonly times: Float64Array;
  private next = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
  ) {
    this.times = new Float64Array(limit).fill(Number.NEGATIVE_INFINITY);
  }

  /** Milliseconds until a slot frees, or 0 when one is free now. */
  waitMs(now: number): number {
    const oldest = this.times[this.next] ?? Number.NEGATIVE_INFINITY;
    return Math.max(0, oldest + this.windowMs - now);
  }

  record(now: number): void {
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.limit;
  }
}

/**
 * Amount counter (tokens, or requests per day) over a sliding window of fixed buckets: memory is bounded by the
 * bucket count whatever the traffic, at the cost of one bucket's granularity at the trailing edge. Tokens are
 * reserved from an estimate at admission and corrected to the real count when the request ends.
 */
export class BucketWindow {
  private readonly buckets: Float64Array;
  private readonly stamps: Float64Array;

  constructor(
    readonly limit: number,
    bucketCount: number,
    private readonly bucketMs: number,
  ) {
    this.buckets = new Float64Array(bucketCount);
    this.stamps = new Float64Array(bucketCount).fill(Number.NEGATIVE_INFINITY);
  }

  used(now: number): number {
    const current = Math.floor(now / this.bucketMs);
    let total = 0;
    for (let index = 0; index < this.buckets.length; index += 1) {
      if ((this.stamps[index] ?? Number.NEGATIVE_INFINITY) > current - this.buckets.length)
        total += this.buckets[index] ?? 0;
    }
    return total;
  }

  /** Seconds until the oldest counted bucket leaves the window (at least 1). */
  waitSeconds(now: number): number {
    const current = Math.floor(now / this.bucketMs);
    let oldest = current;
    for (const stamp of this.stamps) if (stamp > current - this.stamps.length && stamp < oldest) oldest = stamp;
    return Math.max(1, Math.ceil(((oldest + this.stamps.length) * this.bucketMs - now) / 1000));
  }

  /** Adds (or with a negative amount, gives back) to `now`'s bucket. */
  add(now: number, amount: number): void {
    const current = Math.floor(now / this.bucketMs);
    const index = current % this.buckets.length;
    if (this.stamps[index] !== current) {
      this.stamps[index] = current;
      this.buckets[index] = 0;
    }
    this.buckets[index] = (this.buckets[index] ?? 0) + amount;
  }
}
