import type { Usage } from '../core/canonical.js';
import type { ModelDefinition, ModelType } from '../providers/catalog/types.js';
import { computeCost } from '../usage/compute-cost.js';

/**
 * One typical request of each kind, so that models billed in different units (tokens, images, minutes of audio)
 * compare on one scale. A combo's servable targets all have the request's type, so the model's own type picks the
 * reference. Chat weighs input and output tokens equally (the order cost-optimized always had); an image is a short
 * prompt and the output tokens of one 1024×1024 image (Gemini 1290, OpenAI's medium quality 1056); a minute of
 * audio is about 1000 audio input tokens for the token-billed transcribers and 200 tokens of text out.
 */
const referenceUsage: Readonly<Record<ModelType, Usage>> = {
  chat: { inputTokens: 1000, outputTokens: 1000 },
  embedding: { inputTokens: 1000, outputTokens: 0 },
  image: { inputTokens: 100, outputTokens: 1290, images: 1 },
  transcription: { inputTokens: 1000, outputTokens: 200, audioSeconds: 60 },
};

/**
 * The estimated USD of one reference request to a model, for ranking (cost-optimized combos). A model without any
 * price is +Infinity, so it sorts last: cost-optimized never prefers a guess. A price of 0 everywhere is free.
 */
export function referenceCost(model: Pick<ModelDefinition, 'type' | 'pricing'> | undefined): number {
  if (model?.pricing === undefined) return Number.POSITIVE_INFINITY;
  return computeCost(referenceUsage[model.type], model.pricing).usd;
}
