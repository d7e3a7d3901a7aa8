import { z } from 'zod';
import type { Usage } from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import { geminiAdapter } from '../../providers/adapters/gemini/index.js';
import type { MediaAnswer, MediaAttempt } from '../media-operation.js';
import { postUpstreamJson } from '../post-upstream-json.js';
import type { ImageRequest } from './image-request.js';
import { aspectRatioFor } from './imagen-images.js';
import { type InlineImage, renderImages } from './render-images.js';

const answerSchema = z.looseObject({
  candidates: z
    .array(
      z.looseObject({
        content: z
          .looseObject({
            parts: z
              .array(
                z.looseObject({ inlineData: z.looseObject({ data: z.string(), mimeType: z.string() }).optional() }),
              )
              .optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});

/**
 * Gemini's own image models (`gemini-2.5-flash-image`): `generateContent` with `responseModalities: ["IMAGE"]`
 * (https://ai.google.dev/gemini-api/docs/image-generation). One call per image asked for (`n`), as the API makes one
 * image per candidate; token usage of every call is summed and billed at the model's token prices.
 */
export async function geminiImageGeneration(request: ImageRequest, attempt: MediaAttempt): Promise<MediaAnswer> {
  const { provider, model } = attempt.resolved;
  const aspectRatio = aspectRatioFor(request.size);
  const body = {
    contents: [{ role: 'user', parts: [{ text: request.prompt }] }],
    generationConfig: {
      responseModalities: ['TEXT', 'IMAGE'],
      ...(aspectRatio === undefined ? {} : { imageConfig: { aspectRatio } }),
    },
  };
  const path = `/models/${encodeURIComponent(model)}:generateContent`;
  const answers = await Promise.all(Array.from({ length: request.n }, () => postUpstreamJson(attempt, path, body)));
  const images: InlineImage[] = [];
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  for (const answer of answers) {
    const parsed = answerSchema.safeParse(answer);
    const parts = parsed.success ? (parsed.data.candidates?.[0]?.content?.parts ?? []) : [];
    for (const part of parts) {
      if (part.inlineData !== undefined)
        images.push({ base64: part.inlineData.data, mimeType: part.inlineData.mimeType });
    }
    const used = geminiAdapter.readUsage(answer);
    usage.inputTokens += used?.inputTokens ?? 0;
    usage.outputTokens += used?.outputTokens ?? 0;
  }
  if (images.length === 0) {
    throw new GatewayError('upstream_error', `${provider.name} (${provider.id}) returned no image for this prompt.`);
  }
  usage.images = images.length;
  return {
    body: { created: Math.floor(Date.now() / 1000), data: renderImages(images, request.responseFormat) },
    usage,
  };
}
