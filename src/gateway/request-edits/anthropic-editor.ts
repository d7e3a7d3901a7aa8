import { anthropicModelTraits } from '../../providers/adapters/anthropic/anthropic-model-traits.js';
import { mapReasoningToThinking } from '../../providers/adapters/anthropic/map-reasoning-to-thinking.js';
import { isRecord, surroundContent, type WireBody, type WireEditor, without } from './wire-editor.js';

/**
 * Anthropic Messages: system content is `system` (a string or text blocks, whose `cache_control` marks are kept);
 * reasoning is `thinking` (+ `output_config.effort` on adaptive-thinking models). The budget goes through the
 * adapter's own mapping, so pass-through and translation agree on budgets, max_tokens and adaptive models.
 */
export const anthropicEditor: WireEditor = {
  addSystemPrompt: (body, edit) => ({
    ...body,
    system: surroundContent(body.system, edit.prefix, edit.suffix, (text) => ({ type: 'text', text })),
  }),
  asksForReasoning: (body) => isRecord(body.thinking) && body.thinking.type !== 'disabled',
  stripReasoning: (body) => withOutputEffort(without(body, 'thinking'), undefined),
  setReasoning: (body, reasoning, target) => {
    const traits = anthropicModelTraits(target.model);
    const toolChoice = isRecord(body.tool_choice) ? body.tool_choice.type : undefined;
    const plan = mapReasoningToThinking({
      reasoning,
      maxOutputTokens: typeof body.max_tokens === 'number' ? body.max_tokens : undefined,
      adaptive: traits.adaptiveThinking,
      alwaysThinks: traits.alwaysThinks,
      forcedTool: toolChoice === 'any' || toolChoice === 'tool',
    }).value;
    let next: WireBody = { ...without(body, 'thinking'), max_tokens: plan.maxTokens };
    if (plan.thinking !== undefined) next.thinking = plan.thinking;
    next = withOutputEffort(next, plan.active ? plan.effort : undefined);
    return plan.active ? withThinkingSampling(next) : next;
  },
};

/** Sets or removes `output_config.effort`, keeping the rest of `output_config` (a structured-output format). */
function withOutputEffort(body: WireBody, effort: string | undefined): WireBody {
  const config = isRecord(body.output_config) ? body.output_config : undefined;
  if (effort !== undefined) return { ...body, output_config: { ...config, effort } };
  if (config === undefined || !('effort' in config)) return body;
  const { effort: _removed, ...rest } = config;
  return Object.keys(rest).length === 0 ? without(body, 'output_config') : { ...body, output_config: rest };
}

/** With thinking on Anthropic accepts only temperature 1, top_p ≥ 0.95 and no top_k (docs: extended thinking). */
function withThinkingSampling(body: WireBody): WireBody {
  const drop: string[] = ['top_k'];
  if (body.temperature !== undefined && body.temperature !== 1) drop.push('temperature');
  if (typeof body.top_p === 'number' && body.top_p < 0.95) drop.push('top_p');
  return without(body, ...drop);
}
