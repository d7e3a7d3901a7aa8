import type { CanonicalResponse } from '../../core/canonical.js';
import type { ResponseContext } from '../../core/codec.js';
import { convertToGeminiModelParts } from './convert-to-gemini-model-parts.js';
import type { GeminiResponseBody } from './gemini-wire-types.js';
import { renderGeminiFinishReason, renderGeminiUsage } from './render-gemini-usage.js';

/** Canonical response → Gemini `GenerateContentResponse` with one candidate. */
export function renderGeminiResponse(response: CanonicalResponse, context: ResponseContext): GeminiResponseBody {
  const parts = convertToGeminiModelParts(response.content);
  return {
    candidates: [
      {
        // Clients read `candidates[0].content.parts[0]` unguarded; an empty answer keeps one empty text part.
        content: { parts: parts.length > 0 ? parts : [{ text: '' }], role: 'model' },
        finishReason: renderGeminiFinishReason(response.finishReason),
        index: 0,
      },
    ],
    usageMetadata: renderGeminiUsage(response.usage),
    modelVersion: context.model,
    responseId: response.id === '' ? context.id : response.id,
  };
}
