import type { Combo, ComboTarget } from './combo.js';

/**
 * In-memory strategy state per combo: round-robin counters, the fill-first pointer and served counts.
 * Order is a list of target indices; every index appears once, so every target remains a fallback.
 */
export class ComboStrategyState {
  private readonly counters = new Map<string, number>();
  private readonly lastServed = new Map<string, number>();
  private readonly served = new Map<string, number>();

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
        return [...indices].sort((a, b) => this.servedCount(combo.name, a) - this.servedCount(combo.name, b));
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
    this.served.set(`${combo}\u0000${index}`, this.servedCount(combo, index) + 1);
  }

  private servedCount(combo: string, index: number): number {
    return this.served.get(`${combo}\u0000${index}`) ?? 0;
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
