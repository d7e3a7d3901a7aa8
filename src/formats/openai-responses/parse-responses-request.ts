import type {
  CanonicalMessage,
  CanonicalRequest,
  Converted,
  ReasoningConfig,
  ResponseFormat,
} from '../../core/canonical.js';
import type { ParseHints } from '../../core/codec.js';
import { convertResponsesInput } from './convert-responses-input.js';
import { convertResponsesToolChoice, convertResponsesTools } from './convert-responses-tools.js';
import { invalidField, parseWithSchema } from './parse-with-schema.js';
import { type ResponsesRequest, responsesRequestSchema, textFormatSchema } from './responses-request-schema.js';

function toReasoning(effort: string | null | undefined, warnings: string[]): ReasoningConfig | undefined {
  switch (effort) {
    case undefined:
    case null:
      // `reasoning.summary` alone is a display preference, not a request to reason.
      return undefined;
    case 'none':
      return { enabled: false };
    case 'minimal':
    case 'low':
    case 'medium':
    case 'high':
      return { effort };
    case 'xhigh':
    case 'max':
      warnings.push(`reasoning.effort '${effort}' has no canonical equivalent; treated as 'high'`);
      return { effort: 'high' };
    default:
      throw invalidField('reasoning.effort', `unknown effort '${effort}'`);
  }
}

function toResponseFormat(format: unknown): ResponseFormat | undefined {
  if (format === undefined || format === null) return undefined;
  const parsed = parseWithSchema(textFormatSchema, format, 'text.format');
  switch (parsed.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema':
      return {
        type: 'json',
        schema: parsed.schema,
        name: parsed.name,
        ...(parsed.description ? { description: parsed.description } : {}),
        ...(typeof parsed.strict === 'boolean' ? { strict: parsed.strict } : {}),
      };
    default: {
      const unreachable: never = parsed;
      return unreachable;
    }
  }
}

/** Features whose meaning lives in OpenAI's own server state: silently ignoring them would change the answer. */
function rejectServerStateFeatures(request: ResponsesRequest): void {
  if (request.background === true) {
    throw invalidField('background', 'background responses are not supported by this gateway; stream instead');
  }
  if (request.conversation !== undefined && request.conversation !== null) {
    throw invalidField(
      'conversation',
      'OpenAI conversations are not supported; send the input or previous_response_id',
    );
  }
  if (request.prompt !== undefined && request.prompt !== null) {
    throw invalidField('prompt', 'stored prompt templates are not supported; send instructions and input instead');
  }
}

function collectIgnoredWarnings(request: ResponsesRequest, warnings: string[]): void {
  if (request.text?.verbosity) warnings.push('text.verbosity is not supported by the target API; ignored');
  if (request.top_logprobs) warnings.push('top_logprobs is not supported when translating; ignored');
  if (request.truncation === 'auto') warnings.push("truncation 'auto' is not supported; the input is sent whole");
}

/**
 * Responses API request → canonical request. `instructions` becomes a leading system message.
 * `previous_response_id` is not resolved here (the codec is pure): the gateway reads it with `readContinuation`
 * and inserts the stored history with `insertContinuationHistory`. `store` and `metadata` are ignored.
 */
export function parseResponsesRequest(body: unknown, hints: ParseHints = {}): Converted<CanonicalRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidField('', 'expected a JSON object');
  }
  const request = parseWithSchema(responsesRequestSchema, body);
  const model = request.model ?? hints.model;
  if (!model) throw invalidField('model', 'is required');
  rejectServerStateFeatures(request);

  const warnings: string[] = [];
  const continues = Boolean(request.previous_response_id);
  if (request.input === undefined && !continues) throw invalidField('input', 'is required');

  const messages: CanonicalMessage[] = [];
  if (request.instructions) messages.push({ role: 'system', content: [{ type: 'text', text: request.instructions }] });
  if (request.input !== undefined) messages.push(...convertResponsesInput(request.input, warnings));
  if (!continues && !messages.some((message) => message.role !== 'system')) {
    throw invalidField('input', 'must contain at least one message');
  }

  const tools = request.tools ? convertResponsesTools(request.tools, warnings) : [];
  const toolChoice = convertResponsesToolChoice(request.tool_choice, warnings);
  const reasoning = toReasoning(request.reasoning?.effort, warnings);
  const responseFormat = toResponseFormat(request.text?.format);
  const user = request.safety_identifier ?? request.user ?? undefined;
  collectIgnoredWarnings(request, warnings);

  const value: CanonicalRequest = {
    model,
    messages,
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolChoice ? { toolChoice } : {}),
    ...(typeof request.parallel_tool_calls === 'boolean' ? { parallelToolCalls: request.parallel_tool_calls } : {}),
    ...(typeof request.max_output_tokens === 'number' ? { maxOutputTokens: request.max_output_tokens } : {}),
    ...(typeof request.temperature === 'number' ? { temperature: request.temperature } : {}),
    ...(typeof request.top_p === 'number' ? { topP: request.top_p } : {}),
    ...(responseFormat ? { responseFormat } : {}),
    ...(reasoning ? { reasoning } : {}),
    stream: request.stream ?? hints.stream ?? false,
    ...(user ? { user } : {}),
  };
  return { value, warnings };
}
