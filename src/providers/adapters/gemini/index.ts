import type { Usage } from '../../../core/canonical.js';
import type { UpstreamAdapter, WireEvent } from '../../../core/codec.js';
import { buildGeminiRequest, geminiRequestPath } from './build-gemini-request.js';
import { createGeminiStreamDecoder } from './create-gemini-stream-decoder.js';
import { geminiUsageMetadataSchema } from './gemini-response-schema.js';
import { parseGeminiResponse } from './parse-gemini-response.js';
import { readGeminiErrorMessage } from './read-gemini-error.js';
import { readGeminiUsage } from './read-gemini-usage.js';

export { cleanJsonSchemaForGemini } from './clean-json-schema-for-gemini.js';

function readUsageField(body: unknown): Usage | undefined {
  if (typeof body !== 'object' || body === null || !('usageMetadata' in body)) return undefined;
  const metadata = geminiUsageMetadataSchema.safeParse(body.usageMetadata);
  return metadata.success ? readGeminiUsage(metadata.data) : undefined;
}

/** Upstream side of the Gemini API (base `https://generativelanguage.googleapis.com/v1beta`). */
export const geminiAdapter: UpstreamAdapter = {
  format: 'gemini',
  streamFraming: 'sse',
  requestPath: geminiRequestPath,
  buildRequest: buildGeminiRequest,
  parseResponse: parseGeminiResponse,
  createStreamDecoder: createGeminiStreamDecoder,
  parseErrorMessage: readGeminiErrorMessage,
  readUsage: readUsageField,
  readStreamUsage(event: WireEvent): Partial<Usage> | undefined {
    // Pass-through hot path: skip the JSON parse for chunks without usage.
    if (!event.data.includes('usageMetadata')) return undefined;
    try {
      return readUsageField(JSON.parse(event.data));
    } catch {
      return undefined;
    }
  },
};
