import { describe, expect, it } from 'vitest';
import { computeCost, fromNanoUsd, toNanoUsd } from './compute-cost.js';

// Hand-computed expectations: price per million × tokens / 1e6, written out term by term.
const gpt41 = { input: 2, output: 8, cachedInput: 0.5 };
const sonnet = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };
const deepResearch = { input: 2, output: 8, reasoning: 3 };

describe('computeCost', () => {
  it('bills a plain request at input and output prices', () => {
    // 1000 × 2 + 500 × 8 = 6000 per million → 0.006
    expect(computeCost({ inputTokens: 1000, outputTokens: 500 }, gpt41)).toEqual({ usd: 0.006, priced: true });
  });

  it('bills cached prompt tokens at the cached price and the rest at the input price', () => {
    // (1000 − 600) × 2 + 600 × 0.5 + 500 × 8 = 800 + 300 + 4000 = 5100 → 0.0051
    const cost = computeCost({ inputTokens: 1000, outputTokens: 500, cachedInputTokens: 600 }, gpt41);
    expect(cost.usd).toBeCloseTo(0.0051, 12);
  });

  it('bills cache writes at the cache-write price, falling back to input', () => {
    // (2000 − 300 − 1200) × 3 + 300 × 0.3 + 1200 × 3.75 + 100 × 15 = 1500 + 90 + 4500 + 1500 = 7590 → 0.00759
    const usage = { inputTokens: 2000, outputTokens: 100, cachedInputTokens: 300, cacheWriteTokens: 1200 };
    expect(computeCost(usage, sonnet).usd).toBeCloseTo(0.00759, 12);
    // Without a cacheWrite price the writes cost input: 500 × 2 + 300 × 0.5 + 1200 × 2 + 100 × 8 = 4350 → 0.00435
    expect(computeCost(usage, gpt41).usd).toBeCloseTo(0.00435, 12);
    // Without a cachedInput price either: 2000 × 3 + 100 × 15 = 7500 → 0.0075
    expect(computeCost(usage, { input: 3, output: 15 }).usd).toBeCloseTo(0.0075, 12);
  });

  it('keeps reasoning inside output unless the table prices reasoning apart', () => {
    const usage = { inputTokens: 100, outputTokens: 900, reasoningTokens: 700 };
    // No reasoning price: 100 × 2 + 900 × 8 = 7400 → 0.0074
    expect(computeCost(usage, gpt41).usd).toBeCloseTo(0.0074, 12);
    // Reasoning price 3: 100 × 2 + (900 − 700) × 8 + 700 × 3 = 200 + 1600 + 2100 = 3900 → 0.0039
    expect(computeCost(usage, deepResearch).usd).toBeCloseTo(0.0039, 12);
  });

  it('bills stream usage (accumulated from parts) the same as a JSON answer', () => {
    // Anthropic streams report input at message_start and output at message_delta; the sum is one usage.
    const usage = { inputTokens: 1500, outputTokens: 42, cachedInputTokens: 1000, cacheWriteTokens: 0 };
    // 500 × 3 + 1000 × 0.3 + 42 × 15 = 1500 + 300 + 630 = 2430 → 0.00243
    expect(computeCost(usage, sonnet).usd).toBeCloseTo(0.00243, 12);
  });

  it('marks unpriced, free and usage-less requests as unpriced at cost 0', () => {
    const usage = { inputTokens: 10, outputTokens: 10 };
    expect(computeCost(usage, undefined)).toEqual({ usd: 0, priced: false });
    expect(computeCost(usage, { input: 0, output: 0 })).toEqual({ usd: 0, priced: false });
    expect(computeCost(undefined, gpt41)).toEqual({ usd: 0, priced: false });
  });

  it('clamps sub-counts larger than their total instead of going negative', () => {
    // cached 50 > input 40 → all 40 cached: 40 × 0.5 = 20; reasoning 99 > output 10 → all 10 at 3 = 30 → 50
    const cost = computeCost(
      { inputTokens: 40, outputTokens: 10, cachedInputTokens: 50, reasoningTokens: 99 },
      { ...deepResearch, cachedInput: 0.5 },
    );
    expect(cost.usd).toBeCloseTo(0.00005, 12);
  });

  it('adds per-image and per-minute prices on top of tokens', () => {
    // 2 images × 0.04 = 0.08
    expect(
      computeCost({ inputTokens: 0, outputTokens: 0, images: 2 }, { input: 0, output: 0, perImage: 0.04 }),
    ).toEqual({
      usd: 0.08,
      priced: true,
    });
    // 90 s = 1.5 min × 0.006 = 0.009, plus 1000 input tokens × 2 per million = 0.002
    const transcript = computeCost(
      { inputTokens: 1000, outputTokens: 0, audioSeconds: 90 },
      { ...gpt41, perMinute: 0.006 },
    );
    expect(transcript.usd).toBeCloseTo(0.011, 12);
    // Images on a model priced only by tokens cost nothing extra.
    expect(computeCost({ inputTokens: 0, outputTokens: 0, images: 3 }, gpt41)).toEqual({ usd: 0, priced: true });
  });

  it('stores cost as integer nano-USD', () => {
    expect(toNanoUsd(0.0051)).toBe(5_100_000);
    // 3 tokens at 0.075 per million = 2.25e-7 USD = 225 nano-USD
    expect(
      toNanoUsd(
        computeCost(
          { inputTokens: 3, outputTokens: 0, cachedInputTokens: 3 },
          { input: 0.15, output: 0.6, cachedInput: 0.075 },
        ).usd,
      ),
    ).toBe(225);
    expect(fromNanoUsd(5_100_000)).toBe(0.0051);
  });
});
