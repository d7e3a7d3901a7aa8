import { describe, expect, it } from 'vitest';
import type { Combo, ComboStrategy } from './combo.js';
import { ComboStrategyState } from './combo-strategy-state.js';

const combo = (strategy: ComboStrategy, weights: number[] = [1, 1, 1]): Combo => ({
  id: 'c',
  name: 'c',
  strategy,
  targets: weights.map((weight, index) => ({ model: `p/m${index}`, weight })),
  config: {},
  createdAt: 0,
  updatedAt: 0,
});

function sequenceRandom(values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length] as number;
}

describe('ComboStrategyState', () => {
  it('priority keeps the listed order; round-robin rotates the first target', () => {
    const state = new ComboStrategyState();
    expect(state.order(combo('priority'), () => 0)).toEqual([0, 1, 2]);
    const firsts = [0, 1, 2, 3].map(() => state.order(combo('round-robin'), () => 0)[0]);
    expect(firsts).toEqual([0, 1, 2, 0]);
  });

  it('fill-first stays on the target that served last', () => {
    const state = new ComboStrategyState();
    state.recordServed('c', 2);
    expect(state.order(combo('fill-first'), () => 0)).toEqual([2, 0, 1]);
  });

  it('weighted draws the first target in proportion to weight, the rest by weight', () => {
    const state = new ComboStrategyState(sequenceRandom([0.05, 0.5, 0.95]));
    const weighted = combo('weighted', [1, 8, 1]);
    expect(state.order(weighted, () => 0)).toEqual([0, 1, 2]);
    expect(state.order(weighted, () => 0)).toEqual([1, 0, 2]);
    expect(state.order(weighted, () => 0)).toEqual([2, 1, 0]);
  });

  it('least-used prefers targets that served least; cost-optimized the cheapest', () => {
    const state = new ComboStrategyState();
    state.recordServed('c', 0);
    state.recordServed('c', 0);
    state.recordServed('c', 1);
    expect(state.order(combo('least-used'), () => 0)).toEqual([2, 1, 0]);
    const prices = new Map([
      ['p/m0', 10],
      ['p/m1', Number.POSITIVE_INFINITY],
      ['p/m2', 1],
    ]);
    expect(state.order(combo('cost-optimized'), (target) => prices.get(target.model) ?? 0)).toEqual([2, 0, 1]);
  });

  it('least-used counts requests in flight first, so a burst spreads over the targets', () => {
    const state = new ComboStrategyState();
    const firsts = [0, 1, 2].map(() => {
      const first = state.order(combo('least-used'), () => 0)[0] as number;
      state.begin('c', first);
      return first;
    });
    expect(firsts).toEqual([0, 1, 2]);
    state.end('c', 1);
    expect(state.order(combo('least-used'), () => 0)[0]).toBe(1);
  });

  it('random returns a permutation with every target', () => {
    const order = new ComboStrategyState(sequenceRandom([0.7, 0.2])).order(combo('random'), () => 0);
    expect([...order].sort()).toEqual([0, 1, 2]);
  });
});
