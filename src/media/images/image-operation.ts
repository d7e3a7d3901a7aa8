import { openaiCodec } from '../../formats/openai/index.js';
import type { ResolvedModel } from '../../routing/resolve-model.js';
import type { MediaAdapter, MediaOperation } from '../media-operation.js';
import { geminiImageGeneration } from './gemini-image-generation.js';
import { type ImageRequest, parseImageRequest } from './image-request.js';
import { imagenImages } from './imagen-images.js';
import { openaiImages } from './openai-images.js';

/** `POST /v1/images/generations` in the OpenAI shape, to OpenAI-format upstreams and Google's Imagen. */
export const imageOperation: MediaOperation<ImageRequest> = {
  kind: 'image',
  modelType: 'image',
  codec: openaiCodec,
  parse: parseImageRequest,
  // Budgets reserve the images asked for; tokens (gpt-image) are only known from the answer.
  estimate: (request) => ({ inputTokens: Math.ceil(request.prompt.length / 4), outputTokens: 0, images: request.n }),
  adapterFor: imageUpstreamFor,
};

function imageUpstreamFor(resolved: ResolvedModel): MediaAdapter<ImageRequest> | undefined {
  switch (resolved.format) {
    case 'openai':
    case 'openai-responses':
      return openaiImages;
    case 'gemini':
      // Imagen has its own predict API; Gemini's own image models answer through generateContent.
      return resolved.model.startsWith('imagen-') ? imagenImages : geminiImageGeneration;
    case 'anthropic':
    case 'ollama':
      return undefined;
    default: {
      const exhaustive: never = resolved.format;
      return exhaustive;
    }
  }
}
