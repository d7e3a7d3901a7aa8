import type { Usage } from '../../../core/canonical.js';
import type { WireEvent } from '../../../core/codec.js';
import { mapResponsesUsage } from './map-responses-usage.js';
import { usageSchema } from './responses-response-schema.js';

const usageHolderSchema = usageSchema.transform(mapResponsesUsage);

function usageOf(value: unknown): Usage | undefined {
  if (typeof value !== 'object' || value === null || !('usage' in value)) return undefined;
  const result = usageHolderSchema.safeParse(value.usage);
  return result.success ? result.data : undefined;
}

/** Usage of a non-streaming `Response` body (pass-through path). */
export function readResponsesUsage(body: unknown): Usage | undefined {
  return usageOf(body);
}

/**
 * Only the terminal events (`response.completed` / `incomplete` / `failed`) carry a usage object; earlier
 * lifecycle events say `"usage":null`. The regex keeps the pass-through path from parsing every delta.
 */
const usageObjectPattern = /"usage"\s*:\s*\{/;

export function readResponsesStreamUsage(event: WireEvent): Partial<Usage> | undefined {
  if (!usageObjectPattern.test(event.data)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(event.data);
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null || !('response' in payload)) return undefined;
  return usageOf(payload.response);
}
