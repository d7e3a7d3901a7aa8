import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { BudgetLedger, BudgetState } from '../governance/budget-ledger.js';
import type { Repositories } from '../storage/repositories.js';
import { fromNanoUsd, toNanoUsd } from '../usage/compute-cost.js';
import { notFound, parseInput } from './parse-input.js';

export const budgetInputSchema = z
  .object({
    keyId: z.string().min(1),
    /** USD per period. */
    limit: z.number().positive().max(1_000_000),
    period: z.enum(['daily', 'weekly', 'monthly']),
    /** Fraction of the limit at which the budget shows as warning (0.8 = 80%). */
    warningThreshold: z.number().gt(0).max(1).optional(),
  })
  .strict();

function budgetView(state: BudgetState, keyNames: ReadonlyMap<string, string>) {
  const { budget } = state;
  const warningThreshold = budget.warningBps === null ? null : budget.warningBps / 10_000;
  const spent = state.spentNano;
  return {
    id: budget.id,
    keyId: budget.keyId,
    keyName: keyNames.get(budget.keyId) ?? null,
    period: budget.period,
    limit: fromNanoUsd(budget.limitNanoUsd),
    warningThreshold,
    spent: fromNanoUsd(spent),
    reserved: fromNanoUsd(state.reservedNano),
    remaining: fromNanoUsd(Math.max(0, budget.limitNanoUsd - spent)),
    warning: warningThreshold !== null && spent >= budget.limitNanoUsd * warningThreshold,
    exceeded: spent >= budget.limitNanoUsd,
    periodStart: new Date(state.periodStart).toISOString(),
    resetsAt: new Date(state.periodEnd).toISOString(),
  };
}

/** Spend budgets per client key: `/api/usage/budget`. Enforcement lives in the generation pipeline (KeyGovernance). */
export async function registerBudgetRoutes(
  app: FastifyInstance,
  { repositories, budgets }: { repositories: Repositories; budgets: BudgetLedger },
): Promise<void> {
  const keyNames = async () => new Map((await repositories.apiKeys.list()).map((key) => [key.id, key.name]));

  app.get('/api/usage/budget', async () => {
    const names = await keyNames();
    return { budgets: budgets.all().map((state) => budgetView(state, names)) };
  });

  const docs = { body: budgetInputSchema, summary: 'Set the spend budget of a key for a period (replaces it)' };
  app.post('/api/usage/budget', { config: { openapi: docs } }, async (request, reply) => {
    const input = parseInput(budgetInputSchema, request.body);
    const key = await repositories.apiKeys.find(input.keyId);
    if (key === undefined || key.revokedAt !== null) throw notFound('active API key', input.keyId);
    const existed = budgets.states(key.id).some((state) => state.budget.period === input.period);
    const record = await repositories.keyBudgets.upsert({
      keyId: key.id,
      period: input.period,
      limitNanoUsd: toNanoUsd(input.limit),
      warningBps: input.warningThreshold === undefined ? null : Math.round(input.warningThreshold * 10_000),
    });
    await budgets.reload();
    const state = budgets.states(key.id).find((candidate) => candidate.budget.id === record.id);
    if (state === undefined) throw notFound('budget', record.id);
    return reply.code(existed ? 200 : 201).send(budgetView(state, new Map([[key.id, key.name]])));
  });
}
