import { describe, expect, it } from 'vitest';
import { BucketWindow, RequestWindow } from './sliding-window.js';

describe('RequestWindow', () => {
  it('admits exactly the limit within the window and frees a slot when the oldest leaves it', () => {
    const window = new RequestWindow(3, 60_000);
    for (const at of [0, 1_000, 2_000]) {
      expect(window.waitMs(at)).toBe(0);
      window.record(at);
    }
    expect(window.waitMs(30_000)).toBe(30_000);
    expect(window.waitMs(59_999)).toBe(1);
    expect(window.waitMs(60_000)).toBe(0);
    window.record(60_000);
    // The next oldest (1 000) now bounds the wait.
    expect(window.waitMs(60_500)).toBe(500);
  });
});

describe('BucketWindow', () => {
  it('sums the buckets inside the window and forgets those that left it', () => {
    const window = new BucketWindow(100, 60, 1000);
    window.add(0, 40);
    window.add(30_500, 50);
    expect(window.used(59_999)).toBe(90);
    expect(window.used(60_000)).toBe(50);
    expect(window.used(90_999)).toBe(0);
  });

  it('corrects a reservation in its own bucket and reports when the oldest bucket leaves', () => {
    const window = new BucketWindow(100, 60, 1000);
    window.add(10_000, 80);
    window.add(10_000, -30);
    expect(window.used(20_000)).toBe(50);
    expect(window.waitSeconds(20_000)).toBe(50);
  });

  it('reuses a slot for a new period without carrying the old amount', () => {
    const window = new BucketWindow(10, 2, 1000);
    window.add(0, 5);
    window.add(2_000, 1);
    expect(window.used(2_000)).toBe(1);
  });
});
