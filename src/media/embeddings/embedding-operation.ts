import { openaiCodec } from '../../formats/openai/index.js';
import type { MediaOperation } from '../media-operation.js';
import { type EmbeddingRequest, estimateEmbeddingTokens, parseOpenaiEmbeddingRequest } from './embedding-request.js';
import type { EmbeddingResult } from './embedding-result.js';
import { embeddingUpstreamFor } from './embedding-upstream-for.js';
import { encodeVector } from './embedding-vector.js';

/** `POST /v1/embeddings` in the OpenAI shape, whatever upstream answers. */
export const embeddingOperation: MediaOperation<EmbeddingRequest> = {
  kind: 'embedding',
  modelType: 'embedding',
  codec: openaiCodec,
  parse: parseOpenaiEmbeddingRequest,
  estimate: (request) => ({ inputTokens: estimateEmbeddingTokens(request.inputs), outputTokens: 0 }),
  adapterFor(resolved) {
    const upstream = embeddingUpstreamFor(resolved);
    if (upstream === undefined) return undefined;
    return async (request, attempt) => {
      const result = await upstream(request, attempt);
      return { body: renderOpenaiEmbeddings(request, result, attempt.resolved.model), usage: result.usage };
    };
  },
};

/**
 * An OpenAI upstream's answer passes through with only the vectors re-encoded when it ignored `encoding_format`;
 * other upstreams' vectors are put in the OpenAI list shape, base64-encoded by the gateway when asked.
 */
function renderOpenaiEmbeddings(request: EmbeddingRequest, result: EmbeddingResult, model: string) {
  const data = result.vectors.map((vector, index) => ({
    object: 'embedding',
    index,
    embedding: encodeVector(vector, request.encodingFormat),
  }));
  const { inputTokens } = result.usage;
  const usage = { prompt_tokens: inputTokens, total_tokens: inputTokens };
  if (result.openaiAnswer !== undefined) return { ...result.openaiAnswer, data, usage };
  return { object: 'list', data, model, usage };
}
