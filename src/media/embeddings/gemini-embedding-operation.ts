import { z } from 'zod';
import { geminiCodec } from '../../formats/gemini/index.js';
import { parseWithSchema } from '../../formats/gemini/parse-with-schema.js';
import type { MediaAnswer, MediaAttempt, MediaOperation } from '../media-operation.js';
import { postUpstreamJson } from '../post-upstream-json.js';
import { type EmbeddingRequest, estimateEmbeddingTokens } from './embedding-request.js';
import { embeddingUpstreamFor } from './embedding-upstream-for.js';
import { toFloats } from './embedding-vector.js';

export type GeminiEmbedMethod = 'embedContent' | 'batchEmbedContents';

const contentSchema = z.looseObject({ parts: z.array(z.looseObject({ text: z.string() })).min(1) });
const embedContentSchema = z.looseObject({
  content: contentSchema,
  outputDimensionality: z.int().positive().nullish(),
});
const batchSchema = z.looseObject({ requests: z.array(embedContentSchema).min(1) });

export interface GeminiEmbeddingRequest extends EmbeddingRequest {
  method: GeminiEmbedMethod;
  /** The client's Gemini requests, passed through to a Gemini upstream (`taskType`, `title` survive). */
  geminiRequests: Record<string, unknown>[];
}

/**
 * The Gemini-native `models/{model}:embedContent` and `:batchEmbedContents`, so @google/genai users embed through
 * the gateway. The model comes from the path and is routed like any other (aliases, combos, other providers).
 */
export function geminiEmbeddingOperation(
  model: string,
  method: GeminiEmbedMethod,
): MediaOperation<GeminiEmbeddingRequest> {
  return {
    kind: 'embedding',
    modelType: 'embedding',
    codec: geminiCodec,
    parse: (body) => parseGeminiEmbedding(model, method, body),
    estimate: (request) => ({ inputTokens: estimateEmbeddingTokens(request.inputs), outputTokens: 0 }),
    adapterFor(resolved) {
      if (resolved.format === 'gemini') return geminiPassThrough;
      const upstream = embeddingUpstreamFor(resolved);
      if (upstream === undefined) return undefined;
      return async (request, attempt) => {
        const result = await upstream(request, attempt);
        const vectors = result.vectors.map((vector) => ({ values: toFloats(vector) }));
        const body = request.method === 'embedContent' ? { embedding: vectors[0] } : { embeddings: vectors };
        return { body, usage: result.usage };
      };
    },
  };
}

function parseGeminiEmbedding(model: string, method: GeminiEmbedMethod, body: unknown): GeminiEmbeddingRequest {
  const requests =
    method === 'embedContent'
      ? [parseWithSchema(embedContentSchema, body)]
      : parseWithSchema(batchSchema, body).requests;
  const inputs = requests.map((request) => request.content.parts.map((part) => part.text).join('\n'));
  const dimensions = requests[0]?.outputDimensionality ?? undefined;
  return {
    model,
    method,
    inputs,
    single: method === 'embedContent',
    dimensions,
    encodingFormat: 'float',
    body: { input: method === 'embedContent' ? inputs[0] : inputs, ...(dimensions ? { dimensions } : {}) },
    geminiRequests: requests,
  };
}

/** Same API on both sides: the body goes as sent, only the model names changed. */
async function geminiPassThrough(request: GeminiEmbeddingRequest, attempt: MediaAttempt): Promise<MediaAnswer> {
  const { model } = attempt.resolved;
  const upstreamName = `models/${model}`;
  const requests = request.geminiRequests.map((item) => ({ ...item, model: upstreamName }));
  const body = request.method === 'embedContent' ? requests[0] : { requests };
  const path = `/models/${encodeURIComponent(model)}:${request.method}`;
  const answer = await postUpstreamJson(attempt, path, body);
  return { body: answer, usage: { inputTokens: estimateEmbeddingTokens(request.inputs), outputTokens: 0 } };
}
