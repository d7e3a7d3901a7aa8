import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import type { MediaAttempt } from '../media-operation.js';
import { postUpstreamJson } from '../post-upstream-json.js';
import { type EmbeddingRequest, estimateEmbeddingTokens, textInputs } from './embedding-request.js';
import type { EmbeddingResult } from './embedding-result.js';

const answerSchema = z.looseObject({
  embeddings: z.array(z.array(z.number())),
  prompt_eval_count: z.number().optional(),
});

/** Ollama's native `POST /api/embed` (https://docs.ollama.com/api/embed): text input, one vector per input. */
export async function ollamaEmbeddings(request: EmbeddingRequest, attempt: MediaAttempt): Promise<EmbeddingResult> {
  const { provider, model } = attempt.resolved;
  const texts = textInputs(request, provider.name);
  const body = {
    model,
    input: request.single ? texts[0] : texts,
    ...(request.dimensions === undefined ? {} : { dimensions: request.dimensions }),
  };
  const answer = answerSchema.safeParse(await postUpstreamJson(attempt, '/api/embed', body));
  if (!answer.success || answer.data.embeddings.length !== texts.length) {
    throw new GatewayError(
      'upstream_error',
      `${provider.name} (${provider.id}) sent an embeddings answer without embeddings.`,
    );
  }
  const inputTokens = answer.data.prompt_eval_count ?? estimateEmbeddingTokens(texts);
  return { vectors: answer.data.embeddings, usage: { inputTokens, outputTokens: 0 } };
}
