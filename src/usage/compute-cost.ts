import type { Usage } from '../core/canonical.js';
import type { ModelPricing } from '../providers/catalog/types.js';

export interface Cost {
  /** USD. 0 when `priced` is false. */
  usd: number;
  /**
   * True when a price was applied to reported usage. False for a model without a price (or priced at 0 everywhere:
   * free tiers, local models) and for a request that reported no usage: those cost 0 but are marked, never
   * silently counted as free.
   */
  priced: boolean;
}

const unpriced: Cost = { usd: 0, priced: false };
const perToken = 1 / 1_000_000;

/**
 * The cost of one request from its canonical usage and a price table (USD per million tokens).
 *
 * Canonical usage counts the whole prompt in `inputTokens`, cached reads (`cachedInputTokens`) and cache writes
 * (`cacheWriteTokens`) included, and everything generated in `outputTokens`, reasoning (`reasoningTokens`) included.
 * So:
 *
 * - cached reads are billed at `cachedInput` (else `input`), cache writes at `cacheWrite` (else `input`), and the
 *   rest of the prompt (`inputTokens − cached − writes`, never below 0) at `input`;
 * - output is billed at `output`, except that when the table has a separate `reasoning` price the reasoning tokens
 *   are taken out of the output and billed at that price instead (they are never billed twice).
 *
 * Sub-counts larger than their total (a provider quirk) are clamped to it, so a cost is never negative.
 * Images (`perImage`) and audio minutes (`perMinute`) are added on top.
 */
export function computeCost(usage: Usage | undefined, pricing: ModelPricing | undefined): Cost {
  if (usage === undefined || pricing === undefined || !hasAnyPrice(pricing)) return unpriced;
  const input = Math.max(0, usage.inputTokens);
  const cached = clamp(usage.cachedInputTokens, input);
  const writes = clamp(usage.cacheWriteTokens, input - cached);
  const plainInput = input - cached - writes;
  const output = Math.max(0, usage.outputTokens);
  const reasoning = pricing.reasoning === undefined ? 0 : clamp(usage.reasoningTokens, output);

  const inputCost =
    plainInput * pricing.input +
    cached * (pricing.cachedInput ?? pricing.input) +
    writes * (pricing.cacheWrite ?? pricing.input);
  const outputCost = (output - reasoning) * pricing.output + reasoning * (pricing.reasoning ?? pricing.output);
  return { usd: (inputCost + outputCost) * perToken + unitCost(usage, pricing), priced: true };
}

/** Media billed per unit: images generated and minutes of audio, on top of any tokens. */
function unitCost(usage: Usage, pricing: ModelPricing): number {
  const images = Math.max(0, usage.images ?? 0) * (pricing.perImage ?? 0);
  const audio = (Math.max(0, usage.audioSeconds ?? 0) / 60) * (pricing.perMinute ?? 0);
  return images + audio;
}

/** Nano-USD, the stored unit: integers sum exactly in SQL (1 nano-USD is far below any single token's price). */
export function toNanoUsd(usd: number): number {
  return Math.round(usd * 1e9);
}

export function fromNanoUsd(nano: number): number {
  return nano / 1e9;
}

function hasAnyPrice(pricing: ModelPricing): boolean {
  return (
    pricing.input > 0 ||
    pricing.output > 0 ||
    (pricing.cachedInput ?? 0) > 0 ||
    (pricing.cacheWrite ?? 0) > 0 ||
    (pricing.reasoning ?? 0) > 0 ||
    (pricing.perImage ?? 0) > 0 ||
    (pricing.perMinute ?? 0) > 0
  );
}

function clamp(count: number | undefined, maximum: number): number {
  return Math.min(Math.max(0, count ?? 0), Math.max(0, maximum));
}
