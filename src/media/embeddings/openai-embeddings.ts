import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import type { MediaAttempt } from '../media-operation.js';
import { postUpstreamJson } from '../post-upstream-json.js';
import { type EmbeddingRequest, estimateEmbeddingTokens } from './embedding-request.js';
import type { EmbeddingResult } from './embedding-result.js';

const answerSchema = z.looseObject({
  data: z.array(z.looseObject({ index: z.int().optional(), embedding: z.union([z.array(z.number()), z.string()]) })),
  usage: z.looseObject({ prompt_tokens: z.number().optional() }).nullish(),
});

/** `POST {baseUrl}/embeddings` on an OpenAI-format upstream: the client's body with the upstream model id. */
export async function openaiEmbeddings(request: EmbeddingRequest, attempt: MediaAttempt): Promise<EmbeddingResult> {
  const { provider, model } = attempt.resolved;
  const body = { ...request.body, model, encoding_format: request.encodingFormat };
  const answer = answerSchema.safeParse(await postUpstreamJson(attempt, '/embeddings', body));
  if (!answer.success) {
    throw new GatewayError(
      'upstream_error',
      `${provider.name} (${provider.id}) sent an embeddings answer without data.`,
    );
  }
  const data = [...answer.data.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const inputTokens = answer.data.usage?.prompt_tokens ?? estimateEmbeddingTokens(request.inputs);
  return {
    vectors: data.map((item) => item.embedding),
    usage: { inputTokens, outputTokens: 0 },
    openaiAnswer: answer.data,
  };
}
