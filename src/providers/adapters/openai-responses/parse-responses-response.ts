import type { CanonicalResponse } from '../../../core/canonical.js';
import { GatewayError } from '../../../core/errors.js';
import { convertOutputItem, readOutputItem } from './convert-output-item.js';
import { errorKindForCode } from './error-kind-for-code.js';
import { finishReasonFor } from './finish-reason-for.js';
import { mapResponsesUsage } from './map-responses-usage.js';
import { responseSchema } from './responses-response-schema.js';

const statusForKind = { rate_limit: 429, invalid_request: 400 } as const;

/** A failed response arrives with HTTP 200; raising it lets routing retry or fall back like any other failure. */
function failedResponseError(error: { code?: string | null; message: string } | null | undefined): GatewayError {
  const kind = errorKindForCode(error?.code);
  const status = kind === 'rate_limit' || kind === 'invalid_request' ? statusForKind[kind] : undefined;
  return new GatewayError('upstream_error', `Upstream response failed: ${error?.message ?? 'no error details'}`, {
    kind,
    ...(status ? { status } : {}),
  });
}

/** `Response` JSON from `POST /responses` → canonical answer. */
export function parseResponsesResponse(body: unknown): CanonicalResponse {
  const result = responseSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw new GatewayError('upstream_error', `Invalid Responses API answer at ${where}: ${issue?.message ?? ''}`);
  }
  const response = result.data;
  if (response.status === 'failed') throw failedResponseError(response.error);

  const content = response.output.flatMap((value) => {
    const item = readOutputItem(value);
    return item ? convertOutputItem(item) : [];
  });
  const finishReason = finishReasonFor({
    status: response.status,
    incompleteReason: response.incomplete_details?.reason,
    hasToolCalls: content.some((part) => part.type === 'tool-call'),
  });
  return {
    id: response.id,
    model: response.model ?? '',
    content,
    finishReason,
    ...(response.usage ? { usage: mapResponsesUsage(response.usage) } : {}),
    ...(typeof response.created_at === 'number' ? { created: response.created_at } : {}),
  };
}
