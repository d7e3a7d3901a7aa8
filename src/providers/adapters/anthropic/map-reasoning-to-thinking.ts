import type { Converted, ReasoningConfig, ReasoningEffort } from '../../../core/canonical.js';
import type { WireThinking } from './anthropic-wire-types.js';

/**
 * Canonical reasoning → Anthropic `thinking` and the `max_tokens` that must go with it.
 *
 * Effort → budget_tokens (manual extended thinking, models before Claude 4.6):
 *   minimal 1024 (Anthropic's floor) · low 1024 · medium 8192 · high 24576; `enabled` alone means medium.
 * Models with adaptive thinking (4.6+) get `{type:'adaptive'}` with `output_config.effort` instead, because
 * `budget_tokens` is rejected there; a canonical budget is read back as an effort with the same table
 * (< 4096 low, < 16384 medium, else high).
 *
 * max_tokens is required by Anthropic and counts thinking tokens, so it must exceed the budget:
 * - not given: 8192 without thinking; budget + 4096 with manual thinking; 32000 with adaptive thinking
 *   (every adaptive model allows at least 64k output tokens);
 * - given but not above the budget: the budget shrinks to half of max_tokens (never below 1024), and thinking is
 *   left off when max_tokens is 1024 or less. The client's cap is a cost limit, so it wins over the budget.
 */

const effortBudget: Record<ReasoningEffort, number> = { minimal: 1024, low: 1024, medium: 8192, high: 24576 };
const minimumBudget = 1024;
const defaultMaxTokens = 8192;
const answerHeadroom = 4096;
const adaptiveDefaultMaxTokens = 32_000;

export type AnthropicEffort = 'low' | 'medium' | 'high';

export interface ThinkingPlan {
  thinking?: WireThinking;
  effort?: AnthropicEffort;
  maxTokens: number;
  /** Thinking is on: Anthropic then restricts sampling parameters and tool_choice. */
  active: boolean;
}

interface ThinkingInput {
  reasoning: ReasoningConfig | undefined;
  maxOutputTokens: number | undefined;
  adaptive: boolean;
  /** The model always thinks, so `{type:'disabled'}` would be rejected. */
  alwaysThinks: boolean;
  /** tool_choice any/tool: Anthropic allows only auto/none with thinking, and the forced tool matters more. */
  forcedTool: boolean;
}

export function mapReasoningToThinking({
  reasoning,
  maxOutputTokens,
  adaptive,
  alwaysThinks,
  forcedTool,
}: ThinkingInput): Converted<ThinkingPlan> {
  const plain = { value: { maxTokens: maxOutputTokens ?? defaultMaxTokens, active: false }, warnings: [] };
  if (reasoning === undefined) return plain;
  if (reasoning.enabled === false) {
    if (alwaysThinks) return { ...plain, warnings: ['thinking cannot be turned off on this model and stays on'] };
    return { value: { ...plain.value, thinking: { type: 'disabled' } }, warnings: [] };
  }
  const requested =
    reasoning.enabled === true || reasoning.effort !== undefined || reasoning.budgetTokens !== undefined;
  if (!requested) return plain;
  if (forcedTool) {
    return {
      ...plain,
      warnings: ['thinking was turned off: Anthropic allows only tool_choice auto or none with thinking'],
    };
  }

  if (adaptive) {
    const effort = toAnthropicEffort(reasoning);
    const value: ThinkingPlan = {
      thinking: { type: 'adaptive' },
      maxTokens: maxOutputTokens ?? adaptiveDefaultMaxTokens,
      active: true,
    };
    if (effort !== undefined) value.effort = effort;
    return { value, warnings: [] };
  }

  let budget = Math.max(minimumBudget, reasoning.budgetTokens ?? effortBudget[reasoning.effort ?? 'medium']);
  if (maxOutputTokens === undefined) {
    return {
      value: { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: budget + answerHeadroom, active: true },
      warnings: [],
    };
  }
  if (maxOutputTokens <= minimumBudget) {
    return {
      ...plain,
      warnings: [
        `thinking was turned off: max_tokens ${maxOutputTokens} leaves no room for the minimum budget of 1024`,
      ],
    };
  }
  const warnings: string[] = [];
  if (budget >= maxOutputTokens) {
    const shrunk = Math.max(minimumBudget, Math.floor(maxOutputTokens / 2));
    warnings.push(`thinking budget ${budget} was lowered to ${shrunk} to stay below max_tokens ${maxOutputTokens}`);
    budget = shrunk;
  }
  return {
    value: { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: maxOutputTokens, active: true },
    warnings,
  };
}

function toAnthropicEffort(reasoning: ReasoningConfig): AnthropicEffort | undefined {
  switch (reasoning.effort) {
    case 'minimal':
    case 'low':
      return 'low';
    case 'medium':
    case 'high':
      return reasoning.effort;
    case undefined:
      break;
    default: {
      const exhaustive: never = reasoning.effort;
      throw new Error(`unreachable effort ${String(exhaustive)}`);
    }
  }
  const budget = reasoning.budgetTokens;
  if (budget === undefined) return undefined;
  if (budget < 4096) return 'low';
  return budget < 16384 ? 'medium' : 'high';
}
