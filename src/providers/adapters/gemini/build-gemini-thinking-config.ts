import type { Converted, ReasoningConfig, ReasoningEffort } from '../../../core/canonical.js';
import type { GeminiThinkingConfig, GeminiThinkingLevel } from './gemini-wire-types.js';

/**
 * Effort → `thinkingBudget` for Gemini 2.x. 512 is the smallest budget every 2.5 model accepts (Flash-Lite's
 * floor; Pro's is 128) and 24576 the largest Flash accepts (https://ai.google.dev/gemini-api/docs/thinking).
 * The client codec maps budgets back to effort with the same table.
 */
export const thinkingBudgetForEffort: Record<ReasoningEffort, number> = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
};

const thinkingLevelForEffort: Record<ReasoningEffort, GeminiThinkingLevel> = {
  minimal: 'MINIMAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
};

function effortForBudget(budget: number): ReasoningEffort {
  if (budget <= thinkingBudgetForEffort.minimal) return 'minimal';
  if (budget <= thinkingBudgetForEffort.low) return 'low';
  if (budget <= thinkingBudgetForEffort.medium) return 'medium';
  return 'high';
}

/** The Gemini generation in a model id (`gemini-3-pro-preview` → 3, `gemini-2.5-flash` → 2), if it names one. */
export function geminiGeneration(model: string): number | undefined {
  const match = /gemini-(\d+)/.exec(model);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Canonical reasoning → `generationConfig.thinkingConfig`. Gemini 3 takes `thinkingLevel` (a budget still works
 * but the docs warn it may perform worse); Gemini 2.x takes `thinkingBudget` (0 = off, -1 = dynamic).
 * Thoughts are requested whenever reasoning is on, so they can be translated for the client.
 */
export function buildGeminiThinkingConfig(
  reasoning: ReasoningConfig,
  model: string,
): Converted<GeminiThinkingConfig | undefined> {
  const { enabled, effort, budgetTokens } = reasoning;
  const usesLevels = (geminiGeneration(model) ?? 0) >= 3;
  if (enabled === false) {
    if (!usesLevels) return { value: { thinkingBudget: 0 }, warnings: [] };
    // Gemini 3 cannot turn thinking off; Pro's lowest level is LOW, Flash's MINIMAL.
    const level: GeminiThinkingLevel = model.includes('pro') ? 'LOW' : 'MINIMAL';
    return {
      value: { thinkingLevel: level },
      warnings: [`${model} cannot disable thinking; thinkingLevel ${level} was used instead.`],
    };
  }
  if (usesLevels) {
    const level = effort ?? (budgetTokens === undefined ? undefined : effortForBudget(budgetTokens));
    return {
      value: {
        ...(level === undefined ? {} : { thinkingLevel: thinkingLevelForEffort[level] }),
        includeThoughts: true,
      },
      warnings: [],
    };
  }
  const budget = budgetTokens ?? (effort === undefined ? -1 : thinkingBudgetForEffort[effort]);
  return { value: { thinkingBudget: budget, includeThoughts: true }, warnings: [] };
}
