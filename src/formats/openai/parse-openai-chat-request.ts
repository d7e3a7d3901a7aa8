import type {
  CanonicalRequest,
  Converted,
  ReasoningConfig,
  ReasoningEffort,
  ResponseFormat,
} from '../../core/canonical.js';
import type { ParseHints } from '../../core/codec.js';
import {
  invalidField,
  isRecord,
  type JsonObject,
  omitUndefined,
  readArray,
  readBoolean,
  readInteger,
  readNumber,
  readPositiveInteger,
  readRecord,
  readStopSequences,
  readString,
  requireRecord,
} from './field-readers.js';
import { parseOpenaiMessages } from './parse-openai-messages.js';
import { parseOpenaiTools } from './parse-openai-tools.js';

/** Fields we cannot honour but whose absence does not change the meaning of the answer much. */
const ignoredFieldWarnings: Record<string, string> = {
  logit_bias: 'logit_bias is not supported and was ignored',
  top_logprobs: 'top_logprobs is not supported: logprobs are not returned',
  prediction: 'prediction (predicted outputs) is not supported and was ignored',
  web_search_options: 'web_search_options is not supported and was ignored',
  verbosity: 'verbosity is not supported and was ignored',
};

/** OpenAI Chat Completions request → canonical request. */
export function parseOpenaiChatRequest(body: unknown, hints: ParseHints = {}): Converted<CanonicalRequest> {
  if (!isRecord(body)) throw invalidField('body', 'The request body must be a JSON object');
  const warnings: string[] = [];

  const model = readString(body.model, 'model') || hints.model;
  if (model === undefined || model === '') throw invalidField('model', 'model is required');
  const choices = readInteger(body.n, 'n');
  if (choices !== undefined && choices > 1) {
    throw invalidField('n', 'n > 1 is not supported: request one choice at a time');
  }
  rejectAudioOutput(body);
  if (readBoolean(body.logprobs, 'logprobs') === true) warnings.push('logprobs are not supported and are not returned');
  for (const [field, warning] of Object.entries(ignoredFieldWarnings)) {
    if (body[field] !== undefined && body[field] !== null) warnings.push(warning);
  }

  const messages = parseOpenaiMessages(body.messages);
  warnings.push(...messages.warnings);
  const { tools, toolChoice } = parseOpenaiTools(body);
  const reasoning = parseReasoning(body, warnings);

  const request: CanonicalRequest = omitUndefined({
    model,
    messages: messages.value,
    tools,
    toolChoice,
    parallelToolCalls: readBoolean(body.parallel_tool_calls, 'parallel_tool_calls'),
    // max_completion_tokens replaced max_tokens; when a client sends both, the newer one wins.
    maxOutputTokens:
      readPositiveInteger(body.max_completion_tokens, 'max_completion_tokens') ??
      readPositiveInteger(body.max_tokens, 'max_tokens'),
    temperature: readNumber(body.temperature, 'temperature'),
    topP: readNumber(body.top_p, 'top_p'),
    // top_k is not OpenAI's, but OpenAI-compatible clients send it for vLLM, Together or OpenRouter.
    topK: readPositiveInteger(body.top_k, 'top_k'),
    seed: readInteger(body.seed, 'seed'),
    stopSequences: readStopSequences(body.stop, 'stop'),
    frequencyPenalty: readNumber(body.frequency_penalty, 'frequency_penalty'),
    presencePenalty: readNumber(body.presence_penalty, 'presence_penalty'),
    responseFormat: parseResponseFormat(body.response_format),
    reasoning,
    stream: readBoolean(body.stream, 'stream') ?? hints.stream ?? false,
    user: readString(body.user, 'user') ?? readString(body.safety_identifier, 'safety_identifier'),
  });
  return { value: request, warnings };
}

/**
 * Whether the client asked for OpenAI's separate usage-only chunk (`stream_options.include_usage`). The gateway
 * passes this to `createOpenaiStreamEncoder` when it wants the exact OpenAI grammar.
 */
export function readIncludeUsage(body: unknown): boolean {
  return isRecord(body) && isRecord(body.stream_options) && body.stream_options.include_usage === true;
}

function rejectAudioOutput(body: JsonObject): void {
  const modalities = readArray(body.modalities, 'modalities');
  if (modalities?.includes('audio') || (body.audio !== undefined && body.audio !== null)) {
    throw invalidField('modalities', 'audio output is not supported by the gateway');
  }
}

function parseResponseFormat(value: unknown): ResponseFormat | undefined {
  const format = readRecord(value, 'response_format');
  if (format === undefined) return undefined;
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const jsonSchema = requireRecord(format.json_schema, 'response_format.json_schema');
      return omitUndefined({
        type: 'json' as const,
        schema: readRecord(jsonSchema.schema, 'response_format.json_schema.schema'),
        name: readString(jsonSchema.name, 'response_format.json_schema.name'),
        description: readString(jsonSchema.description, 'response_format.json_schema.description'),
        strict: readBoolean(jsonSchema.strict, 'response_format.json_schema.strict'),
      });
    }
    default:
      throw invalidField('response_format.type', 'response_format.type must be text, json_object or json_schema');
  }
}

/**
 * `reasoning_effort` (OpenAI) or `reasoning: { effort, max_tokens, enabled }` (OpenRouter and clients built for it).
 * OpenAI's newer efforts beyond the canonical scale collapse onto it: `none` disables reasoning, `xhigh` and `max`
 * become `high` with a warning.
 */
function parseReasoning(body: JsonObject, warnings: string[]): ReasoningConfig | undefined {
  const object = readRecord(body.reasoning, 'reasoning');
  const effortText =
    readString(body.reasoning_effort, 'reasoning_effort') ?? readString(object?.effort, 'reasoning.effort');
  const param =
    body.reasoning_effort !== undefined && body.reasoning_effort !== null ? 'reasoning_effort' : 'reasoning.effort';
  const config: ReasoningConfig = omitUndefined({
    enabled: readBoolean(object?.enabled, 'reasoning.enabled'),
    budgetTokens: readPositiveInteger(object?.max_tokens, 'reasoning.max_tokens'),
  });
  if (effortText !== undefined) Object.assign(config, parseEffort(effortText, param, warnings));
  return Object.keys(config).length > 0 ? config : undefined;
}

function parseEffort(effort: string, param: string, warnings: string[]): ReasoningConfig {
  switch (effort) {
    case 'none':
      return { enabled: false };
    case 'minimal':
    case 'low':
    case 'medium':
    case 'high':
      return { effort: effort satisfies ReasoningEffort };
    case 'xhigh':
    case 'max':
      warnings.push(`${param} "${effort}" was lowered to "high", the highest effort every upstream understands`);
      return { effort: 'high' };
    default:
      throw invalidField(param, `${param} must be one of none, minimal, low, medium, high, xhigh, max`);
  }
}
