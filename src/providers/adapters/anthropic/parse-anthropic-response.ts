import type { AssistantContentPart, CanonicalResponse, Usage } from '../../../core/canonical.js';
import { GatewayError } from '../../../core/errors.js';
import {
  anthropicMessageSchema,
  anthropicUsageSchema,
  redactedThinkingBlockSchema,
  textBlockSchema,
  thinkingBlockSchema,
  toolUseBlockSchema,
} from './anthropic-response-schema.js';
import { toCanonicalUsage } from './read-anthropic-usage.js';
import { toCanonicalFinishReason } from './to-canonical-finish-reason.js';

/** A non-streaming Anthropic `Message` → canonical response. Server-tool blocks are skipped. */
export function parseAnthropicResponse(body: unknown): CanonicalResponse {
  const parsed = anthropicMessageSchema.safeParse(body);
  if (!parsed.success) {
    throw new GatewayError(
      'upstream_error',
      `Anthropic answered with an unexpected body: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  const message = parsed.data;
  const content = message.content.flatMap((block): AssistantContentPart[] => {
    switch (block.type) {
      case 'text':
        return [{ type: 'text', text: textBlockSchema.parse(block).text }];
      case 'thinking': {
        const thinking = thinkingBlockSchema.parse(block);
        const signature = thinking.signature ?? '';
        return [
          signature === ''
            ? { type: 'reasoning', text: thinking.thinking }
            : { type: 'reasoning', text: thinking.thinking, signature },
        ];
      }
      case 'redacted_thinking':
        return [{ type: 'redacted-reasoning', data: redactedThinkingBlockSchema.parse(block).data }];
      case 'tool_use': {
        const call = toolUseBlockSchema.parse(block);
        return [{ type: 'tool-call', id: call.id, name: call.name, arguments: JSON.stringify(call.input ?? {}) }];
      }
      default:
        return [];
    }
  });
  const response: CanonicalResponse = {
    id: message.id,
    model: message.model ?? '',
    content,
    finishReason: toCanonicalFinishReason(message.stop_reason),
  };
  if (message.usage !== null && message.usage !== undefined) response.usage = toCanonicalUsage(message.usage);
  return response;
}

export function readAnthropicUsage(body: unknown): Usage | undefined {
  if (typeof body !== 'object' || body === null || !('usage' in body)) return undefined;
  const usage = anthropicUsageSchema.safeParse(body.usage);
  return usage.success ? toCanonicalUsage(usage.data) : undefined;
}

/** `{type:'error', error:{type, message}}`; also tolerates a JSON text body and a bare `{message}`. */
export function parseAnthropicErrorMessage(body: unknown): string | undefined {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return body.trim() === '' ? undefined : body;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if ('error' in value && typeof value.error === 'object' && value.error !== null && 'message' in value.error) {
    return typeof value.error.message === 'string' ? value.error.message : undefined;
  }
  return 'message' in value && typeof value.message === 'string' ? value.message : undefined;
}
