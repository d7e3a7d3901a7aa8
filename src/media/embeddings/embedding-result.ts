import type { Usage } from '../../core/canonical.js';
import type { MediaAttempt } from '../media-operation.js';
import type { EmbeddingRequest } from './embedding-request.js';
import type { EmbeddingVector } from './embedding-vector.js';

/** What an upstream embeddings call gave, before it is rendered in the client's format. */
export interface EmbeddingResult {
  /** One vector per input, in input order. */
  vectors: EmbeddingVector[];
  usage: Usage;
  /** The upstream's own answer when it is already in the OpenAI shape (passed through to OpenAI clients). */
  openaiAnswer?: Record<string, unknown>;
}

/** One upstream API's embeddings call. */
export type EmbeddingUpstream = (request: EmbeddingRequest, attempt: MediaAttempt) => Promise<EmbeddingResult>;
