import type { CanonicalRequest, Converted } from '../../../core/canonical.js';
import type { UpstreamRequest } from '../../../core/codec.js';
import { anthropicModelTraits } from './anthropic-model-traits.js';
import type { WireMessage, WireRequest, WireTextBlock } from './anthropic-wire-types.js';
import { cleanJsonSchemaForAnthropic } from './clean-json-schema-for-anthropic.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { convertToAnthropicTools } from './convert-to-anthropic-tools.js';
import { mapReasoningToThinking } from './map-reasoning-to-thinking.js';

export const anthropicMessagesPath = '/messages';

/**
 * Canonical request → `POST /v1/messages` body. Structured output: a JSON schema goes to the native
 * `output_config.format` where the model has it (the answer then arrives as plain JSON text, so responses and
 * streams need no unwrapping); older or non-Claude models get the schema as a final system instruction, with a
 * warning, since nothing there constrains decoding. A forced tool would also constrain them, but it turns
 * thinking off and would need every answer rewritten from tool_use into text.
 */
export function buildAnthropicRequest(request: CanonicalRequest): Converted<UpstreamRequest> {
  const warnings: string[] = [];
  const traits = anthropicModelTraits(request.model);

  const conversation = convertToAnthropicMessages(request.messages);
  warnings.push(...conversation.warnings);
  const tools = convertToAnthropicTools(request);
  warnings.push(...tools.warnings);
  const choice = tools.value.toolChoice?.type;
  const plan = mapReasoningToThinking({
    reasoning: request.reasoning,
    maxOutputTokens: request.maxOutputTokens,
    adaptive: traits.adaptiveThinking,
    alwaysThinks: traits.alwaysThinks,
    forcedTool: choice === 'any' || choice === 'tool',
  });
  warnings.push(...plan.warnings);
  let { thinking, active } = plan.value;
  if (active && toolLoopLacksThinking(conversation.value.messages)) {
    warnings.push(
      'thinking was turned off: the assistant turn before the tool results carries no Anthropic thinking block',
    );
    thinking = undefined;
    active = false;
  }

  const body: WireRequest = {
    model: request.model,
    max_tokens: plan.value.maxTokens,
    messages: conversation.value.messages,
  };
  let system = conversation.value.system;
  if (tools.value.tools !== undefined) body.tools = tools.value.tools;
  if (tools.value.toolChoice !== undefined) body.tool_choice = tools.value.toolChoice;
  if (thinking !== undefined) body.thinking = thinking;
  if (active && plan.value.effort !== undefined) body.output_config = { effort: plan.value.effort };

  const format = request.responseFormat;
  if (format?.type === 'json') {
    if (format.schema !== undefined && traits.nativeStructuredOutput) {
      const schema = cleanJsonSchemaForAnthropic(format.schema);
      warnings.push(...schema.warnings);
      body.output_config = { ...body.output_config, format: { type: 'json_schema', schema: schema.value } };
    } else {
      const instruction =
        format.schema === undefined
          ? 'Respond only with a valid JSON object, with no other text.'
          : `Respond only with JSON that conforms to this JSON schema, with no other text:\n${JSON.stringify(format.schema)}`;
      system = appendSystemText(system, instruction);
      warnings.push('JSON output is requested by a system instruction only: this model has no constrained JSON mode');
    }
  }
  if (system !== undefined) body.system = system;

  applySampling(body, request, { thinking: active, allowed: traits.samplingParameters }, warnings);
  const stops = (request.stopSequences ?? []).filter((stop) => stop.trim() !== '');
  if (stops.length < (request.stopSequences?.length ?? 0)) warnings.push('whitespace-only stop sequences were dropped');
  if (stops.length > 0) body.stop_sequences = stops;
  if (request.user !== undefined && request.user !== '') body.metadata = { user_id: request.user };
  if (request.seed !== undefined) warnings.push('seed is not supported by Anthropic and was dropped');
  if (request.frequencyPenalty !== undefined)
    warnings.push('frequency_penalty is not supported by Anthropic and was dropped');
  if (request.presencePenalty !== undefined)
    warnings.push('presence_penalty is not supported by Anthropic and was dropped');
  if (request.stream) body.stream = true;

  return { value: { path: anthropicMessagesPath, body }, warnings: [...new Set(warnings)] };
}

/** Anthropic: with thinking on, the assistant turn answered by the final tool results must start with thinking. */
function toolLoopLacksThinking(messages: WireMessage[]): boolean {
  const last = messages.at(-1);
  const previous = messages.at(-2);
  if (last?.role !== 'user' || previous?.role !== 'assistant') return false;
  if (!last.content.some((block) => block.type === 'tool_result')) return false;
  const first = previous.content[0]?.type;
  return first !== 'thinking' && first !== 'redacted_thinking';
}

/** Appended after any cached blocks, so the cached prefix stays byte-identical. */
function appendSystemText(system: string | WireTextBlock[] | undefined, text: string): string | WireTextBlock[] {
  if (system === undefined) return text;
  if (typeof system === 'string') return `${system}\n\n${text}`;
  return [...system, { type: 'text', text }];
}

/**
 * temperature / top_p / top_k. Anthropic's temperature stops at 1 (OpenAI's at 2), so higher values are clamped.
 * With thinking on only temperature 1, top_p ≥ 0.95 and no top_k are accepted (docs: extended thinking,
 * "Feature compatibility"); models that dropped sampling parameters take none at all.
 */
function applySampling(
  body: WireRequest,
  request: CanonicalRequest,
  { thinking, allowed }: { thinking: boolean; allowed: boolean },
  warnings: string[],
): void {
  const { temperature, topP, topK } = request;
  if (!allowed) {
    if (temperature !== undefined || topP !== undefined || topK !== undefined) {
      warnings.push(`temperature, top_p and top_k were dropped: ${request.model} does not accept sampling parameters`);
    }
    return;
  }
  if (temperature !== undefined) {
    if (thinking && temperature !== 1) warnings.push('temperature was dropped: Anthropic requires 1 with thinking on');
    else if (temperature > 1) {
      warnings.push(`temperature ${temperature} was lowered to 1, Anthropic's maximum`);
      body.temperature = 1;
    } else body.temperature = temperature;
  }
  if (topP !== undefined) {
    if (thinking && topP < 0.95) warnings.push('top_p was dropped: Anthropic requires at least 0.95 with thinking on');
    else body.top_p = topP;
  }
  if (topK !== undefined) {
    if (thinking) warnings.push('top_k was dropped: Anthropic does not accept it with thinking on');
    else body.top_k = topK;
  }
}
