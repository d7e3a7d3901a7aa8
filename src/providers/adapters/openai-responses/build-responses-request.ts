import type {
  CanonicalRequest,
  Converted,
  JsonSchema,
  ReasoningConfig,
  ReasoningEffort,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
} from '../../../core/canonical.js';
import type { UpstreamRequest } from '../../../core/codec.js';
import { convertToResponsesInput } from './convert-to-responses-input.js';

export const responsesPath = '/responses';

/** OpenAI rejects `max_output_tokens` below 16 ("integer below minimum value"). */
const minimumOutputTokens = 16;

/**
 * Thinking budget → effort, for requests that come with a budget (Anthropic, Gemini). The levels match the
 * budgets other adapters send for each effort: low = 1024, medium = 8192, high = 24576 tokens; a budget maps
 * to the smallest level that covers it.
 */
export function effortForBudget(budgetTokens: number): ReasoningEffort {
  if (budgetTokens <= 1024) return 'low';
  if (budgetTokens <= 8192) return 'medium';
  return 'high';
}

/**
 * `enabled: false` and a zero budget leave `reasoning` out rather than sending effort 'none', which only newer
 * models accept: the canonical contract is "off where the upstream allows it", never a 400.
 * `summary: 'auto'` makes reasoning models stream readable reasoning back.
 */
function toReasoning(config: ReasoningConfig | undefined): { effort?: ReasoningEffort; summary: 'auto' } | undefined {
  if (!config || config.enabled === false || config.budgetTokens === 0) return undefined;
  const effort =
    config.effort ?? (config.budgetTokens === undefined ? undefined : effortForBudget(config.budgetTokens));
  return { ...(effort ? { effort } : {}), summary: 'auto' };
}

/** The root of function parameters must be an object schema; tools without arguments may come as `{}`. */
function toParameters(schema: JsonSchema): JsonSchema {
  if (schema.type === undefined && schema.properties === undefined)
    return { type: 'object', properties: {}, ...schema };
  if (schema.type === 'object' && schema.properties === undefined) return { ...schema, properties: {} };
  return schema;
}

/**
 * `strict` is sent explicitly: the Responses API defaults it to true, which rejects any schema not written for
 * strict mode. Other JSON Schema keywords pass unchanged: non-strict function schemas accept them.
 */
function toTool(tool: ToolDefinition) {
  return {
    type: 'function' as const,
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    parameters: toParameters(tool.inputSchema),
    strict: tool.strict ?? false,
  };
}

function toToolChoice(choice: ToolChoice) {
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return choice.type;
    case 'tool':
      return { type: 'function' as const, name: choice.name };
    default: {
      const unreachable: never = choice;
      return unreachable;
    }
  }
}

function toTextFormat(format: ResponseFormat) {
  switch (format.type) {
    case 'text':
      return { type: 'text' as const };
    case 'json':
      if (!format.schema) return { type: 'json_object' as const };
      return {
        type: 'json_schema' as const,
        name: format.name ?? 'response',
        schema: format.schema,
        ...(format.description ? { description: format.description } : {}),
        ...(format.strict === undefined ? {} : { strict: format.strict }),
      };
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}

function unsupportedFieldWarnings(request: CanonicalRequest): string[] {
  const dropped: string[] = [];
  if (request.topK !== undefined) dropped.push('topK');
  if (request.seed !== undefined) dropped.push('seed');
  if (request.stopSequences?.length) dropped.push('stop sequences');
  if (request.frequencyPenalty !== undefined) dropped.push('frequency penalty');
  if (request.presencePenalty !== undefined) dropped.push('presence penalty');
  return dropped.map((field) => `${field} is not supported by the OpenAI Responses API; dropped`);
}

/**
 * Canonical request → `POST /responses` body. The gateway keeps no state at OpenAI: `store: false`, history sent
 * in full, and reasoning carried as `encrypted_content` (requested back through `include`).
 */
export function buildResponsesRequest(request: CanonicalRequest): Converted<UpstreamRequest> {
  const { value: converted, warnings } = convertToResponsesInput(request.messages);
  warnings.push(...unsupportedFieldWarnings(request));

  const reasoning = toReasoning(request.reasoning);
  let maxOutputTokens = request.maxOutputTokens;
  if (maxOutputTokens !== undefined && maxOutputTokens < minimumOutputTokens) {
    warnings.push(`max output tokens raised from ${maxOutputTokens} to OpenAI's minimum of ${minimumOutputTokens}`);
    maxOutputTokens = minimumOutputTokens;
  }

  const body = {
    model: request.model,
    ...(converted.instructions ? { instructions: converted.instructions } : {}),
    input: converted.input,
    ...(request.tools?.length ? { tools: request.tools.map(toTool) } : {}),
    ...(request.toolChoice ? { tool_choice: toToolChoice(request.toolChoice) } : {}),
    ...(request.parallelToolCalls === undefined ? {} : { parallel_tool_calls: request.parallelToolCalls }),
    ...(maxOutputTokens === undefined ? {} : { max_output_tokens: maxOutputTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.topP === undefined ? {} : { top_p: request.topP }),
    ...(reasoning ? { reasoning } : {}),
    ...(reasoning || converted.replaysReasoning ? { include: ['reasoning.encrypted_content'] } : {}),
    ...(request.responseFormat ? { text: { format: toTextFormat(request.responseFormat) } } : {}),
    ...(request.user ? { safety_identifier: request.user } : {}),
    store: false,
    stream: request.stream,
  };
  return { value: { path: responsesPath, body }, warnings };
}
