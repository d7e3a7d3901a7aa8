import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import type { MediaAnswer, MediaAttempt } from '../media-operation.js';
import { postUpstreamJson } from '../post-upstream-json.js';
import type { ImageRequest } from './image-request.js';

const answerSchema = z.looseObject({
  data: z.array(z.unknown()),
  // gpt-image models report tokens (text and image input, image output); dall-e models report nothing.
  usage: z.looseObject({ input_tokens: z.number().optional(), output_tokens: z.number().optional() }).nullish(),
});

/** `POST {baseUrl}/images/generations` on an OpenAI-format upstream; its answer goes back as it came. */
export async function openaiImages(request: ImageRequest, attempt: MediaAttempt): Promise<MediaAnswer> {
  const { provider, model } = attempt.resolved;
  const answer = await postUpstreamJson(attempt, '/images/generations', { ...request.body, model });
  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success) {
    throw new GatewayError('upstream_error', `${provider.name} (${provider.id}) sent an images answer without data.`);
  }
  const { usage } = parsed.data;
  return {
    body: answer,
    usage: {
      inputTokens: usage?.input_tokens ?? 0,
      outputTokens: usage?.output_tokens ?? 0,
      images: parsed.data.data.length,
    },
  };
}
