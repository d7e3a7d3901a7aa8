import type {
  CanonicalRequest,
  Converted,
  ReasoningConfig,
  ReasoningEffort,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
} from '../../../core/canonical.js';
import type { UpstreamRequest } from '../../../core/codec.js';
import { convertToOpenaiChatMessages } from './convert-to-openai-chat-messages.js';

export interface OpenaiAdapterOptions {
  /**
   * The field that caps output. `max_completion_tokens` (default) is OpenAI's current one and the only one its
   * reasoning models (o-series, gpt-5) accept; older OpenAI-compatible servers (Mistral) only know `max_tokens`.
   */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens';
  /**
   * Send assistant reasoning back as `reasoning_content` (default true). DeepSeek and Kimi reject a thinking-mode
   * tool-call turn without it ("reasoning_content must be passed back"); set false for upstreams that reject
   * unknown message fields.
   */
  sendReasoningContent?: boolean;
}

export const chatCompletionsPath = '/chat/completions';

/**
 * Canonical reasoning → `reasoning_effort`. A token budget maps onto the effort whose nominal budget
 * (low 1024, medium 8192, high 24576) is nearest on a log scale: below 4096 low, below 16384 medium, else high.
 * `enabled: false` sends nothing: non-reasoning OpenAI models reject any `reasoning_effort` ("Unrecognized request
 * argument"), and `none` exists only on the newest models.
 * `enabled: true` alone (Ollama `think: true`, Anthropic adaptive thinking) is an explicit request to think, so it
 * becomes `medium`, OpenAI's documented default: a no-op for OpenAI, but compatible servers that reason only when
 * the field is present would otherwise drop the request silently.
 */
export function toReasoningEffort(reasoning: ReasoningConfig | undefined): ReasoningEffort | undefined {
  if (reasoning === undefined || reasoning.enabled === false) return undefined;
  if (reasoning.effort !== undefined) return reasoning.effort;
  if (reasoning.budgetTokens === undefined) return reasoning.enabled === true ? 'medium' : undefined;
  if (reasoning.budgetTokens < 4096) return 'low';
  if (reasoning.budgetTokens < 16384) return 'medium';
  return 'high';
}

function convertToolChoice(choice: ToolChoice): string | { type: 'function'; function: { name: string } } {
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return choice.type;
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
    default: {
      const unexpected: never = choice;
      throw new Error(`Unexpected tool choice: ${JSON.stringify(unexpected)}`);
    }
  }
}

/** `$schema` is harmless to OpenAI but rejected by some compatible servers (Gemini's OpenAI endpoint). */
function cleanParameters(schema: Record<string, unknown>): Record<string, unknown> {
  if (!('$schema' in schema)) return schema;
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

function convertTool(tool: ToolDefinition): unknown {
  const fn: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) fn.description = tool.description;
  fn.parameters = cleanParameters(tool.inputSchema);
  if (tool.strict !== undefined) fn.strict = tool.strict;
  return { type: 'function', function: fn };
}

function convertResponseFormat(format: ResponseFormat): unknown {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json': {
      if (format.schema === undefined) return { type: 'json_object' };
      const jsonSchema: Record<string, unknown> = { name: format.name ?? 'response', schema: format.schema };
      if (format.description !== undefined) jsonSchema.description = format.description;
      if (format.strict !== undefined) jsonSchema.strict = format.strict;
      return { type: 'json_schema', json_schema: jsonSchema };
    }
    default: {
      const unexpected: never = format;
      throw new Error(`Unexpected response format: ${JSON.stringify(unexpected)}`);
    }
  }
}

export function buildOpenaiChatRequest(
  request: CanonicalRequest,
  options: OpenaiAdapterOptions = {},
): Converted<UpstreamRequest> {
  const { maxTokensField = 'max_completion_tokens', sendReasoningContent = true } = options;
  const messages = convertToOpenaiChatMessages(request.messages, { sendReasoningContent });
  const warnings = [...messages.warnings];
  const body: Record<string, unknown> = { model: request.model, messages: messages.value };
  const tools = request.tools ?? [];
  if (tools.length > 0) {
    body.tools = tools.map(convertTool);
    if (request.toolChoice !== undefined) body.tool_choice = convertToolChoice(request.toolChoice);
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  // Without tools, OpenAI rejects tool_choice and parallel_tool_calls ("only allowed when tools are specified").
  if (request.maxOutputTokens !== undefined) body[maxTokensField] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) warnings.push('top_k is not supported by OpenAI chat and was dropped');
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) body.stop = request.stopSequences;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.responseFormat !== undefined) body.response_format = convertResponseFormat(request.responseFormat);
  const effort = toReasoningEffort(request.reasoning);
  if (effort !== undefined) body.reasoning_effort = effort;
  if (request.user !== undefined) body.user = request.user;
  if (request.stream) {
    body.stream = true;
    // Without include_usage OpenAI streams no usage at all.
    body.stream_options = { include_usage: true };
  }
  return { value: { path: chatCompletionsPath, body }, warnings };
}
