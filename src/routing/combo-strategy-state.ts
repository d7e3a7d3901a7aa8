import type { Combo, ComboTarget } from './combo.js';

/**
 * In-memory strategy state per combo: round-robin counters, the fill-first pointer, requests in flight and served
 * counts. Order is a list of target indices; every index appears once, so every target remains a fallback.
 */
export class ComboStrategyState {
  private readonly counters = new Map<string, number>();
  private readonly lastServed = new Map<string, number>();
  private readonly served = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly random: () => number = Math.random) {}

  order(combo: Combo, price: (target: ComboTarget) => number): number[] {
    const indices = combo.targets.map((_target, index) => index);
    switch (combo.strategy) {
      case 'priority':
        return indices;
      case 'fill-first':
        return rotate(indices, this.lastServed.get(combo.name) ?? 0);
      case 'round-robin': {
        const next = this.counters.get(combo.name) ?? 0;
        this.counters.set(combo.name, next + 1);
        return rotate(indices, next % Math.max(1, indices.length));
      }
      case 'weighted':
        return this.weighted(combo.targets);
      case 'random':
        return shuffle(indices, this.random);
      case 'least-used':
        // In flight first, as for accounts: served counts alone only move when answers end, so a burst of
        // parallel requests would all pick the same target.
        return [...indices].sort(
          (a, b) =>
            this.count(this.inFlight, combo.name, a) - this.count(this.inFlight, combo.name, b) ||
            this.count(this.served, combo.name, a) - this.count(this.served, combo.name, b),
        );
      case 'cost-optimized': {
        const prices = combo.targets.map(price);
        return [...indices].sort((a, b) => (prices[a] as number) - (prices[b] as number));
      }
      default: {
        const exhaustive: never = combo.strategy;
        throw new Error(`Unknown combo strategy ${String(exhaustive)}`);
      }
    }
  }

  recordServed(combo: string, index: number): void {
    this.lastServed.set(combo, index);
    this.served.set(targetKey(combo, index), this.count(this.served, combo, index) + 1);
  }

  /** An upstream call to this target starts; pair with `end`. */
  begin(combo: string, index: number): void {
    this.inFlight.set(targetKey(combo, index), this.count(this.inFlight, combo, index) + 1);
  }

  end(combo: string, index: number): void {
    const key = targetKey(combo, index);
    const left = this.count(this.inFlight, combo, index) - 1;
    if (left > 0) this.inFlight.set(key, left);
    else this.inFlight.delete(key);
  }

  private count(counts: ReadonlyMap<string, number>, combo: string, index: number): number {
    return counts.get(targetKey(combo, index)) ?? 0;
  }

  /** The first target is drawn by weight; the others follow by descending weight as fallbacks. */
  private weighted(targets: readonly ComboTarget[]): number[] {
    const weights = targets.map((target) => Math.max(0, target.weight ?? 1));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let draw = this.random() * total;
    let first = 0;
    for (let index = 0; index < weights.length; index += 1) {
      draw -= weights[index] as number;
      if (draw < 0) {
        first = index;
        break;
      }
    }
    const rest = weights
      .map((_weight, index) => index)
      .filter((index) => index !== first)
      .sort((a, b) => (weights[b] as number) - (weights[a] as number));
    return [first, ...rest];
  }
}

function targetKey(combo: string, index: number): string {
  return `${combo}\u0000${index}`;
}

function rotate(indices: number[], start: number): number[] {
  return [...indices.slice(start), ...indices.slice(0, start)];
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
