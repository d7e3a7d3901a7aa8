import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { WireFormat } from '../core/wire-format.js';
import type { RequestEdits } from '../gateway/request-edits/request-edits.js';
import type { RequestTarget } from '../routing/resolve-request-model.js';

/** Key space of requests made without an API key (REQUIRE_API_KEY off): shared by every keyless caller. */
export const anonymousSpace = 'anonymous';

/** `X-OmniRoute-No-Cache: true` or `Cache-Control: no-cache` (or no-store): neither read nor write the cache. */
export function cacheBypassed(headers: IncomingHttpHeaders): boolean {
  if (headers['x-omniroute-no-cache'] === 'true') return true;
  const control = headers['cache-control'];
  return control !== undefined && /\bno-(cache|store)\b/i.test(control);
}

/**
 * Only a request that asks for temperature 0 is deterministic enough to cache; one that names no temperature
 * gets the upstream's default (usually 1), so it is never cached. Each format keeps it in its own place.
 */
export function isDeterministic(format: WireFormat, body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const fields = body as Record<string, unknown>;
  switch (format) {
    case 'openai':
    case 'openai-responses':
    case 'anthropic':
      return fields.temperature === 0;
    case 'gemini':
      return nested(fields.generationConfig ?? fields.generation_config, 'temperature') === 0;
    case 'ollama':
      return nested(fields.options, 'temperature') === 0;
    default: {
      const unknown: never = format;
      throw new RangeError(`unknown format ${String(unknown)}`);
    }
  }
}

/**
 * The exact-match key: sha256 over the key space, the client format, the resolved target (after aliases and
 * policies: an alias pointed elsewhere must not serve the old model's answers), the request edits the gateway adds
 * (system prompt, thinking budget) and the body itself: messages, system, sampling, tools, tool choice, response
 * format, reasoning, max tokens, stop. Only `model` (replaced by the target), `stream` and `stream_options` are left
 * out: a streamed answer and a JSON one are the same answer. The body is serialised once, here.
 */
export function responseCacheKey(input: {
  space: string;
  format: WireFormat;
  target: RequestTarget;
  edits: RequestEdits;
  body: Record<string, unknown>;
}): string {
  const { space, format, target, edits, body } = input;
  const { model: _model, stream: _stream, stream_options: _options, ...fields } = body;
  const targetName =
    target.kind === 'combo' ? `combo:${target.combo.name}` : `${target.resolved.provider.id}/${target.resolved.model}`;
  const hash = createHash('sha256');
  for (const part of [space, format, targetName, JSON.stringify(edits), JSON.stringify(fields)]) {
    hash.update(part);
    // A separator no JSON text or id contains, so two different splits cannot hash alike.
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

function nested(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
}
