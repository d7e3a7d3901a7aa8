import type { CacheControl, CanonicalMessage, CanonicalRequest, Converted } from '../../core/canonical.js';
import type { ParseHints } from '../../core/codec.js';
import { anthropicRequestSchema, translatedRequestKeys } from './anthropic-request-schema.js';
import { convertAnthropicMessages } from './convert-anthropic-messages.js';
import { convertAnthropicThinking } from './convert-anthropic-thinking.js';
import { convertAnthropicTools } from './convert-anthropic-tools.js';
import { toCanonicalCacheControl } from './to-canonical-cache-control.js';
import { invalidField, validateAnthropicField } from './validate-anthropic-field.js';

/** An Anthropic Messages request body → canonical request. Throws a 400 GatewayError naming the bad field. */
export function parseAnthropicRequest(body: unknown, hints: ParseHints = {}): Converted<CanonicalRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidField([], 'the body must be a JSON object');
  }
  const wire = validateAnthropicField(anthropicRequestSchema, body);
  const model = hints.model ?? wire.model;
  if (model === undefined || model === null) throw invalidField(['model'], 'Field required');

  const warnings: string[] = [];
  const ignored = Object.keys(body).filter((key) => !translatedRequestKeys.has(key));
  if (ignored.length > 0) warnings.push(`ignored unsupported field(s): ${ignored.join(', ')}`);

  const messages = convertAnthropicMessages({ system: wire.system, messages: wire.messages });
  warnings.push(...messages.warnings);
  const autoCache = toCanonicalCacheControl(wire.cache_control);
  if (autoCache !== undefined && !markLastCacheablePart(messages.value, autoCache)) {
    warnings.push('top-level cache_control was dropped: the last message part cannot carry a cache mark');
  }

  const request: CanonicalRequest = {
    model,
    messages: messages.value,
    maxOutputTokens: wire.max_tokens,
    stream: hints.stream ?? wire.stream ?? false,
  };

  const tools = convertAnthropicTools(wire.tools, wire.tool_choice);
  warnings.push(...tools.warnings);
  Object.assign(request, tools.value);

  const reasoning = convertAnthropicThinking(wire.thinking, wire.output_config?.effort);
  warnings.push(...reasoning.warnings);
  if (reasoning.value !== undefined) request.reasoning = reasoning.value;

  const format = wire.output_config?.format;
  if (format !== null && format !== undefined) request.responseFormat = { type: 'json', schema: format.schema };

  if (typeof wire.temperature === 'number') request.temperature = wire.temperature;
  if (typeof wire.top_p === 'number') request.topP = wire.top_p;
  if (typeof wire.top_k === 'number') request.topK = wire.top_k;
  if (wire.stop_sequences !== null && wire.stop_sequences !== undefined && wire.stop_sequences.length > 0) {
    request.stopSequences = wire.stop_sequences;
  }
  const user = wire.metadata?.user_id;
  if (typeof user === 'string' && user !== '') request.user = user;

  return { value: request, warnings: [...new Set(warnings)] };
}

/**
 * Emulates automatic caching (top-level `cache_control`): Anthropic puts the mark on the last cacheable block of
 * the request, which in canonical terms is the last part of the last message.
 */
function markLastCacheablePart(messages: CanonicalMessage[], cacheControl: CacheControl): boolean {
  const last = messages.at(-1);
  const part = last?.content.at(-1);
  if (part === undefined) return false;
  switch (part.type) {
    case 'text':
    case 'image':
    case 'file':
    case 'tool-result':
      if (part.cacheControl === undefined) part.cacheControl = cacheControl;
      return true;
    case 'reasoning':
    case 'redacted-reasoning':
    case 'tool-call':
      return false;
    default: {
      const exhaustive: never = part;
      throw new Error(`unreachable part ${String(exhaustive)}`);
    }
  }
}
