import type { Usage } from '../../../core/canonical.js';
import type { WireEvent } from '../../../core/codec.js';
import { anthropicUsageSchema } from './anthropic-response-schema.js';
import { toPartialCanonicalUsage } from './read-anthropic-usage.js';

/**
 * Usage carried by one pass-through stream event. Only `message_start` (in `message.usage`) and `message_delta`
 * (in `usage`) carry it; the substring test keeps the many text deltas from being parsed at all.
 */
export function readAnthropicStreamUsage(event: WireEvent): Partial<Usage> | undefined {
  if (!event.data.includes('"usage"')) return undefined;
  if (event.event !== undefined && event.event !== 'message_start' && event.event !== 'message_delta') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || !('type' in data)) return undefined;
  let raw: unknown;
  if (data.type === 'message_start' && 'message' in data && typeof data.message === 'object' && data.message !== null) {
    raw = 'usage' in data.message ? data.message.usage : undefined;
  } else if (data.type === 'message_delta' && 'usage' in data) {
    raw = data.usage;
  }
  const usage = anthropicUsageSchema.safeParse(raw);
  return usage.success && raw !== undefined && raw !== null ? toPartialCanonicalUsage(usage.data) : undefined;
}
