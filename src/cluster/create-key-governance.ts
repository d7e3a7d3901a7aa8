import type { BudgetLedger } from '../governance/budget-ledger.js';
import { localBudgetReservations } from '../governance/budget-reservations.js';
import { KeyGovernance } from '../governance/key-governance.js';
import { LocalLimitCounters } from '../governance/limit-counters.js';
import type { Logger } from '../observability/logger.js';
import { RedisBudgetReservations } from './redis-budget-reservations.js';
import { RedisLimitCounters } from './redis-limit-counters.js';
import type { RedisLink } from './redis-link.js';

/**
 * Key governance counting in this process's memory, or with a Redis link, shared by every gateway process (the
 * local counters stay as the fallback while Redis is away).
 */
export function createKeyGovernance(options: {
  ledger: BudgetLedger;
  redis: RedisLink | undefined;
  logger?: Logger;
  /** How long an in-flight slot or budget reservation outlives a crashed holder (default 15 minutes). */
  leaseMs?: number;
}): KeyGovernance {
  const { ledger, redis: link, logger, leaseMs } = options;
  const local = new LocalLimitCounters();
  if (link === undefined) return new KeyGovernance({ limits: local, budgets: localBudgetReservations(ledger) });
  return new KeyGovernance({
    limits: new RedisLimitCounters({ link, local, logger, leaseMs }),
    budgets: new RedisBudgetReservations({ ledger, link, logger, leaseMs }),
  });
}
