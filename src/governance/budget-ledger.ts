import { GatewayError } from '../core/errors.js';
import type { KeyBudgetRecord, KeyBudgetsRepository } from '../storage/repositories/key-budgets-repository.js';
import { fromNanoUsd } from '../usage/compute-cost.js';
import { periodBounds } from './budget-period.js';

/** One budget's live state: settled spend in the current period plus what running requests have reserved. */
export interface BudgetState {
  budget: KeyBudgetRecord;
  periodStart: number;
  periodEnd: number;
  spentNano: number;
  reservedNano: number;
}

/** Settles a reservation with the request's real cost (nano-USD); safe to call more than once. */
export type Settle = (actualNano: number) => void;

/**
 * Reserve-then-settle budget accounting. A request is admitted only while settled spend plus open reservations is
 * below the limit, and it reserves its estimate at once (synchronously, on the one event loop), so a concurrent
 * burst can overshoot by at most one request's estimate (plus any error in the estimates themselves). Spend at
 * start-up, and when a new budget appears, comes from the request log; afterwards it is kept in memory, since the
 * log is written in the background.
 */
export class BudgetLedger {
  private byKey = new Map<string, BudgetState[]>();

  constructor(
    readonly repository: KeyBudgetsRepository,
    readonly now: () => number = Date.now,
  ) {}

  /** Rebuilds from storage; budgets already tracked keep their in-memory spend (the log may lag behind it). */
  async reload(): Promise<void> {
    const now = this.now();
    const previous = new Map([...this.byKey.values()].flat().map((state) => [state.budget.id, state]));
    const next = new Map<string, BudgetState[]>();
    for (const budget of await this.repository.list()) {
      const known = previous.get(budget.id);
      const { start, end } = periodBounds(budget.period, now);
      const state: BudgetState =
        known !== undefined && known.periodStart === start
          ? { ...known, budget }
          : {
              budget,
              periodStart: start,
              periodEnd: end,
              spentNano: await this.repository.spentSince(budget.keyId, start),
              reservedNano: known?.reservedNano ?? 0,
            };
      // The same object stays shared with reservations still open, so their settlement lands here.
      if (known !== undefined) Object.assign(known, state);
      const target = known ?? state;
      next.set(budget.keyId, [...(next.get(budget.keyId) ?? []), target]);
    }
    this.byKey = next;
  }

  has(keyId: string): boolean {
    return this.byKey.has(keyId);
  }

  /** The key's budgets, rolled over to the current period. */
  states(keyId: string): readonly BudgetState[] {
    const states = this.byKey.get(keyId) ?? [];
    for (const state of states) this.rollOver(state, this.now());
    return states;
  }

  all(): BudgetState[] {
    return [...this.byKey.keys()].flatMap((keyId) => this.states(keyId));
  }

  /** Refuses (429) when any of the key's budgets is spent, else reserves `estimateNano` against each of them. */
  reserve(keyId: string, keyName: string, estimateNano: number): Settle | undefined {
    const states = this.states(keyId);
    if (states.length === 0) return undefined;
    const now = this.now();
    for (const state of states) {
      if (state.spentNano + state.reservedNano >= state.budget.limitNanoUsd) throw budgetSpent(state, keyName, now);
    }
    const estimate = Math.max(0, Math.round(estimateNano));
    for (const state of states) state.reservedNano += estimate;
    let settled = false;
    return (actualNano) => {
      if (settled) return;
      settled = true;
      for (const state of states) {
        state.reservedNano = Math.max(0, state.reservedNano - estimate);
        // A request that started in the previous period is charged there (already rolled over: not counted now).
        if (now >= state.periodStart) state.spentNano += Math.max(0, Math.round(actualNano));
      }
    };
  }

  private rollOver(state: BudgetState, now: number): void {
    if (now < state.periodEnd) return;
    const { start, end } = periodBounds(state.budget.period, now);
    state.periodStart = start;
    state.periodEnd = end;
    state.spentNano = 0;
  }
}

/** The 429 for a spent budget: one wording whichever implementation counted it. */
export function budgetSpent(state: BudgetState, keyName: string, now: number): GatewayError {
  const resetsAt = new Date(state.periodEnd).toISOString();
  const limit = fromNanoUsd(state.budget.limitNanoUsd);
  return new GatewayError(
    'rate_limited',
    `API key '${keyName}' has used its ${state.budget.period} budget of $${limit}; it resets at ${resetsAt}`,
    { retryAfterSeconds: Math.max(1, Math.ceil((state.periodEnd - now) / 1000)) },
  );
}
