import { randomUUID } from 'node:crypto';
import type { CanonicalResponse } from '../../../core/canonical.js';
import { GatewayError } from '../../../core/errors.js';
import { convertGeminiModelParts } from './convert-gemini-model-parts.js';
import { createToolCallId } from './create-tool-call-id.js';
import { type GeminiResponse, geminiResponseSchema } from './gemini-response-schema.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { readGeminiUsage } from './read-gemini-usage.js';

export function readGeminiResponse(body: unknown): GeminiResponse {
  const result = geminiResponseSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new GatewayError(
    'upstream_error',
    `Gemini returned an unexpected response (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`,
  );
}

function unixSeconds(time: string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const millis = Date.parse(time);
  return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000);
}

/** Gemini `GenerateContentResponse` → canonical response (first candidate only; candidateCount is never set). */
export function parseGeminiResponse(body: unknown): CanonicalResponse {
  const response = readGeminiResponse(body);
  const candidate = response.candidates?.[0];
  const content = convertGeminiModelParts(candidate?.content?.parts ?? [], createToolCallId).value;
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const blocked = candidate === undefined && response.promptFeedback?.blockReason !== undefined;
  const finishReason = blocked
    ? 'content-filter'
    : mapGeminiFinishReason(candidate?.finishReason ?? 'STOP', hasToolCalls);
  const created = unixSeconds(response.createTime);
  return {
    id: response.responseId ?? `gen-${randomUUID()}`,
    model: response.modelVersion ?? '',
    content,
    finishReason,
    ...(response.usageMetadata === undefined ? {} : { usage: readGeminiUsage(response.usageMetadata) }),
    ...(created === undefined ? {} : { created }),
  };
}
