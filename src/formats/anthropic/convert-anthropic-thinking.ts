import type { Converted, ReasoningConfig, ReasoningEffort } from '../../core/canonical.js';
import type { AnthropicRequest } from './anthropic-request-schema.js';

/**
 * `thinking` (+ `output_config.effort`) → canonical reasoning.
 * - `{type:'enabled', budget_tokens}` → `{ enabled: true, budgetTokens }`
 * - `{type:'adaptive'}` → `{ enabled: true }` (the model picks its own depth; effort, when given, guides it)
 * - `{type:'disabled'}` → `{ enabled: false }`
 * Effort levels above `high` (`xhigh`, `max`) have no canonical level and become `high` with a warning.
 */
export function convertAnthropicThinking(
  thinking: AnthropicRequest['thinking'],
  effort: string | null | undefined,
): Converted<ReasoningConfig | undefined> {
  const warnings: string[] = [];
  let reasoning: ReasoningConfig | undefined;
  if (thinking !== null && thinking !== undefined) {
    switch (thinking.type) {
      case 'enabled':
        reasoning =
          'budget_tokens' in thinking && typeof thinking.budget_tokens === 'number'
            ? { enabled: true, budgetTokens: thinking.budget_tokens }
            : { enabled: true };
        break;
      case 'adaptive':
        reasoning = { enabled: true };
        break;
      case 'disabled':
        reasoning = { enabled: false };
        break;
      default:
        warnings.push(`thinking type '${thinking.type}' is not supported and was ignored`);
    }
  }
  const level = toEffort(effort, warnings);
  if (level !== undefined) reasoning = { ...reasoning, effort: level };
  return { value: reasoning, warnings };
}

function toEffort(effort: string | null | undefined, warnings: string[]): ReasoningEffort | undefined {
  switch (effort) {
    case null:
    case undefined:
      return undefined;
    case 'low':
    case 'medium':
    case 'high':
      return effort;
    case 'xhigh':
    case 'max':
      warnings.push(`output_config.effort '${effort}' was lowered to 'high'`);
      return 'high';
    default:
      warnings.push(`output_config.effort '${effort}' is not supported and was ignored`);
      return undefined;
  }
}
