import type { BudgetPeriod } from '../storage/repositories/key-budgets-repository.js';

/** The UTC calendar period containing `now`: a day, a week starting Monday, or a month. */
export function periodBounds(period: BudgetPeriod, now: number): { start: number; end: number } {
  const date = new Date(now);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  if (period === 'monthly') return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
  if (period === 'weekly') {
    const sinceMonday = (date.getUTCDay() + 6) % 7;
    return { start: Date.UTC(year, month, day - sinceMonday), end: Date.UTC(year, month, day - sinceMonday + 7) };
  }
  return { start: Date.UTC(year, month, day), end: Date.UTC(year, month, day + 1) };
}
