import { describe, expect, it } from 'vitest';
import type { KeyBudgetRecord, KeyBudgetsRepository } from '../storage/repositories/key-budgets-repository.js';
import { BudgetLedger } from './budget-ledger.js';
import { periodBounds } from './budget-period.js';

const budget = (limitNanoUsd: number, period: KeyBudgetRecord['period'] = 'daily'): KeyBudgetRecord => ({
  id: 'b1',
  keyId: 'k1',
  period,
  limitNanoUsd,
  warningBps: null,
  createdAt: 0,
  updatedAt: 0,
});

function ledgerWith(budgets: KeyBudgetRecord[], spent: number, now: () => number) {
  const repository = { list: async () => budgets, spentSince: async () => spent } as unknown as KeyBudgetsRepository;
  return new BudgetLedger(repository, now);
}

describe('BudgetLedger', () => {
  it('reserves at once, so a concurrent burst overshoots by at most one estimate', async () => {
    const ledger = ledgerWith([budget(1_000)], 0, () => Date.UTC(2026, 0, 5, 12));
    await ledger.reload();
    const settles = [];
    let refused = 0;
    for (let index = 0; index < 20; index += 1) {
      try {
        settles.push(ledger.reserve('k1', 'team', 300));
      } catch {
        refused += 1;
      }
    }
    expect(settles).toHaveLength(4);
    expect(refused).toBe(16);
    for (const settle of settles) settle?.(300);
    expect(ledger.states('k1')[0]).toMatchObject({ spentNano: 1_200, reservedNano: 0 });
    expect(1_200 - 1_000).toBeLessThanOrEqual(300);
  });

  it('settles with the real cost, once, and frees the unused part of the estimate', async () => {
    const ledger = ledgerWith([budget(1_000)], 100, () => Date.UTC(2026, 0, 5, 12));
    await ledger.reload();
    const settle = ledger.reserve('k1', 'team', 900);
    expect(() => ledger.reserve('k1', 'team', 1)).toThrow(/daily budget/);
    settle?.(50);
    settle?.(50);
    expect(ledger.states('k1')[0]).toMatchObject({ spentNano: 150, reservedNano: 0 });
    expect(ledger.reserve('k1', 'team', 1)).toBeTypeOf('function');
  });

  it('names the budget and its reset time; a new period starts from zero', async () => {
    let now = Date.UTC(2026, 0, 5, 23, 59);
    const ledger = ledgerWith([budget(1_000)], 1_000, () => now);
    await ledger.reload();
    expect(() => ledger.reserve('k1', 'team', 1)).toThrow('resets at 2026-01-06T00:00:00.000Z');
    now = Date.UTC(2026, 0, 6, 0, 1);
    expect(ledger.reserve('k1', 'team', 1)).toBeTypeOf('function');
  });

  it('keys without a budget pass untouched', async () => {
    const ledger = ledgerWith([], 0, Date.now);
    await ledger.reload();
    expect(ledger.has('k1')).toBe(false);
    expect(ledger.reserve('k1', 'team', 1)).toBeUndefined();
  });
});

describe('periodBounds', () => {
  it('uses UTC days, Monday weeks and calendar months', () => {
    const wednesday = Date.UTC(2026, 0, 7, 15);
    expect(periodBounds('daily', wednesday)).toEqual({ start: Date.UTC(2026, 0, 7), end: Date.UTC(2026, 0, 8) });
    expect(periodBounds('weekly', wednesday)).toEqual({ start: Date.UTC(2026, 0, 5), end: Date.UTC(2026, 0, 12) });
    expect(periodBounds('weekly', Date.UTC(2026, 0, 11, 23))).toEqual({
      start: Date.UTC(2026, 0, 5),
      end: Date.UTC(2026, 0, 12),
    });
    expect(periodBounds('monthly', Date.UTC(2026, 11, 31))).toEqual({
      start: Date.UTC(2026, 11, 1),
      end: Date.UTC(2027, 0, 1),
    });
  });
});
