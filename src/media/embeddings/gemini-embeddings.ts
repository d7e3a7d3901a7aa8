import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import type { MediaAttempt } from '../media-operation.js';
import { postUpstreamJson } from '../post-upstream-json.js';
import { type EmbeddingRequest, estimateEmbeddingTokens, textInputs } from './embedding-request.js';
import type { EmbeddingResult } from './embedding-result.js';

const values = z.looseObject({ values: z.array(z.number()) });
const singleAnswer = z.looseObject({ embedding: values });
const batchAnswer = z.looseObject({ embeddings: z.array(values) });

/**
 * Gemini's native embeddings: `models/{model}:embedContent` for one input, `:batchEmbedContents` for a list
 * (https://ai.google.dev/api/embeddings). `dimensions` becomes `outputDimensionality`. The answers report no token
 * count, so usage is estimated from the text.
 */
export async function geminiEmbeddings(request: EmbeddingRequest, attempt: MediaAttempt): Promise<EmbeddingResult> {
  const { provider, model } = attempt.resolved;
  const texts = textInputs(request, provider.name);
  const usage = { inputTokens: estimateEmbeddingTokens(texts), outputTokens: 0 };
  const embedRequest = (text: string) => ({
    model: `models/${model}`,
    content: { parts: [{ text }] },
    ...(request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions }),
  });
  const path = `/models/${encodeURIComponent(model)}`;
  if (request.single && texts.length === 1) {
    const answer = singleAnswer.safeParse(
      await postUpstreamJson(attempt, `${path}:embedContent`, embedRequest(texts[0] ?? '')),
    );
    if (!answer.success) throw malformed(provider.name, provider.id);
    return { vectors: [answer.data.embedding.values], usage };
  }
  const body = { requests: texts.map(embedRequest) };
  const answer = batchAnswer.safeParse(await postUpstreamJson(attempt, `${path}:batchEmbedContents`, body));
  if (!answer.success || answer.data.embeddings.length !== texts.length) throw malformed(provider.name, provider.id);
  return { vectors: answer.data.embeddings.map((item) => item.values), usage };
}

function malformed(name: string, id: string): GatewayError {
  return new GatewayError('upstream_error', `${name} (${id}) sent an embeddings answer without embeddings.`);
}
