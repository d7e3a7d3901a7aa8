import type { BudgetLedger, Settle } from './budget-ledger.js';

/**
 * Where a key's budget reservations are counted: this process's BudgetLedger, or Redis shared by every process
 * (src/cluster/redis-budget-reservations.ts). `reserve` refuses (429) when any of the key's budgets is spent, else
 * reserves the estimate against each of them; undefined for a key without budgets.
 */
export interface BudgetReservations {
  has(keyId: string): boolean;
  reserve(keyId: string, keyName: string, estimateNano: number): Promise<Settle | undefined>;
}

/** The ledger's own in-memory reservations. */
export function localBudgetReservations(ledger: BudgetLedger): BudgetReservations {
  return {
    has: (keyId) => ledger.has(keyId),
    reserve: async (keyId, keyName, estimateNano) => ledger.reserve(keyId, keyName, estimateNano),
  };
}
