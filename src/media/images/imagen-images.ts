import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import type { MediaAnswer, MediaAttempt } from '../media-operation.js';
import { postUpstreamJson } from '../post-upstream-json.js';
import type { ImageRequest } from './image-request.js';
import { renderImages } from './render-images.js';

const answerSchema = z.looseObject({
  predictions: z
    .array(z.looseObject({ bytesBase64Encoded: z.string().optional(), mimeType: z.string().optional() }))
    .optional(),
});

/** `sampleCount` is 1 to 4 on the Gemini API. */
const maxImagenImages = 4;

/** The aspect ratios Imagen accepts (https://ai.google.dev/gemini-api/docs/imagen#imagen-configuration). */
const aspectRatios = [
  ['1:1', 1],
  ['3:4', 3 / 4],
  ['4:3', 4 / 3],
  ['9:16', 9 / 16],
  ['16:9', 16 / 9],
] as const;

/**
 * Google's Imagen on the Gemini API: `models/{model}:predict` with `instances[].prompt` and `parameters.sampleCount`,
 * answering `predictions[].bytesBase64Encoded`. An OpenAI `size` becomes the nearest aspect ratio; as Imagen returns
 * no URL, `response_format: "url"` gets a `data:` URL.
 */
export async function imagenImages(request: ImageRequest, attempt: MediaAttempt): Promise<MediaAnswer> {
  const { provider, model } = attempt.resolved;
  if (request.n > maxImagenImages) {
    throw new GatewayError('invalid_request', `Imagen generates at most ${maxImagenImages} images per request.`, {
      param: 'n',
    });
  }
  const aspectRatio = aspectRatioFor(request.size);
  const body = {
    instances: [{ prompt: request.prompt }],
    parameters: { sampleCount: request.n, ...(aspectRatio === undefined ? {} : { aspectRatio }) },
  };
  const answer = answerSchema.safeParse(
    await postUpstreamJson(attempt, `/models/${encodeURIComponent(model)}:predict`, body),
  );
  // Imagen leaves out images its safety filters removed; none at all is a refusal, not an empty success.
  const images = (answer.success ? (answer.data.predictions ?? []) : []).filter(
    (prediction) => prediction.bytesBase64Encoded !== undefined,
  );
  if (images.length === 0) {
    throw new GatewayError('upstream_error', `${provider.name} (${provider.id}) returned no image for this prompt.`);
  }
  const inline = images.map(({ bytesBase64Encoded = '', mimeType = 'image/png' }) => ({
    base64: bytesBase64Encoded,
    mimeType,
  }));
  const data = renderImages(inline, request.responseFormat);
  return {
    body: { created: Math.floor(Date.now() / 1000), data },
    usage: { inputTokens: 0, outputTokens: 0, images: data.length },
  };
}

/** `1792x1024` → `16:9`; `auto`, absent or unreadable sizes leave Imagen's default (1:1). */
export function aspectRatioFor(size: string | undefined): string | undefined {
  const match = size === undefined ? null : /^(\d+)x(\d+)$/.exec(size);
  if (match === null) return undefined;
  const ratio = Number(match[1]) / Number(match[2]);
  if (!Number.isFinite(ratio) || ratio <= 0) return undefined;
  let best: (typeof aspectRatios)[number] = aspectRatios[0];
  for (const candidate of aspectRatios) {
    if (Math.abs(Math.log(candidate[1] / ratio)) < Math.abs(Math.log(best[1] / ratio))) best = candidate;
  }
  return best[0];
}
