import type {
  CanonicalRequest,
  Converted,
  ReasoningConfig,
  ResponseFormat,
  ToolDefinition,
} from '../../core/canonical.js';
import type { ParseHints } from '../../core/codec.js';
import { GatewayError } from '../../core/errors.js';
import { convertFromOllamaMessages } from './convert-from-ollama-messages.js';
import { type OllamaRequest, ollamaRequestSchema, translatedOptionKeys } from './ollama-request-schema.js';
import { parseWithSchema } from './parse-with-schema.js';

function toResponseFormat(format: OllamaRequest['format']): ResponseFormat | undefined {
  if (format === undefined || format === null || format === '') return undefined;
  if (typeof format === 'object') return { type: 'json', schema: format };
  if (format === 'json') return { type: 'json' };
  throw new GatewayError('invalid_request', `Invalid field 'format': expected "json" or a JSON schema object`, {
    param: 'format',
  });
}

function toReasoning(think: OllamaRequest['think']): ReasoningConfig | undefined {
  if (think === undefined || think === null) return undefined;
  if (typeof think === 'boolean') return { enabled: think };
  return { enabled: true, effort: think };
}

function toTools(tools: OllamaRequest['tools']): ToolDefinition[] | undefined {
  if (!tools?.length) return undefined;
  return tools.map(({ function: fn }) => ({
    name: fn.name,
    ...(fn.description ? { description: fn.description } : {}),
    inputSchema: fn.parameters ?? { type: 'object', properties: {} },
  }));
}

function ignoredOptionKeys(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || !('options' in body)) return [];
  const options = body.options;
  if (typeof options !== 'object' || options === null) return [];
  return Object.keys(options).filter((key) => !translatedOptionKeys.has(key));
}

/**
 * Ollama `POST /api/chat` body → canonical request. Note Ollama streams unless `stream` is explicitly false.
 * Runtime options with no canonical meaning (num_ctx, repeat_penalty, mirostat, …) are reported as ignored:
 * they only survive on the Ollama → Ollama pass-through path.
 */
export function parseOllamaRequest(body: unknown, hints: ParseHints = {}): Converted<CanonicalRequest> {
  const request = parseWithSchema(ollamaRequestSchema, body);
  const model = request.model ?? hints.model;
  if (!model) throw new GatewayError('invalid_request', `Missing field 'model'`, { param: 'model' });
  if (request.messages.length === 0) {
    // Ollama treats an empty conversation as "load the model"; a gateway has nothing to load.
    throw new GatewayError('invalid_request', `Invalid field 'messages': at least one message is required`, {
      param: 'messages',
    });
  }

  const messages = convertFromOllamaMessages(request.messages);
  const warnings = [...messages.warnings];
  const ignored = ignoredOptionKeys(body);
  if (ignored.length > 0) warnings.push(`options ignored when translating: ${ignored.join(', ')}`);
  if (request.logprobs || request.top_logprobs) warnings.push('logprobs are not supported and were ignored');

  const options = request.options ?? {};
  const stop = typeof options.stop === 'string' ? [options.stop] : options.stop;
  // num_predict -1 (unbounded) and -2 (fill the context) have no canonical equivalent: leave the limit unset.
  const maxOutputTokens = options.num_predict != null && options.num_predict > 0 ? options.num_predict : undefined;
  const responseFormat = toResponseFormat(request.format);
  const reasoning = toReasoning(request.think);
  const tools = toTools(request.tools);

  const value: CanonicalRequest = {
    model,
    messages: messages.value,
    ...(tools ? { tools } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(options.temperature != null ? { temperature: options.temperature } : {}),
    ...(options.top_p != null ? { topP: options.top_p } : {}),
    ...(options.top_k != null ? { topK: options.top_k } : {}),
    ...(options.seed != null ? { seed: options.seed } : {}),
    ...(stop?.length ? { stopSequences: stop } : {}),
    ...(options.frequency_penalty != null ? { frequencyPenalty: options.frequency_penalty } : {}),
    ...(options.presence_penalty != null ? { presencePenalty: options.presence_penalty } : {}),
    ...(responseFormat ? { responseFormat } : {}),
    ...(reasoning ? { reasoning } : {}),
    stream: request.stream ?? hints.stream ?? true,
  };
  return { value, warnings };
}
