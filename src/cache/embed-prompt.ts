import { randomUUID } from 'node:crypto';
import { GatewayError, toGatewayError } from '../core/errors.js';
import { executePlan } from '../gateway/execute-plan.js';
import type { GenerationDependencies } from '../gateway/generation-handler.js';
import { RequestLogEntry } from '../gateway/request-log-entry.js';
import { embeddingOperation } from '../media/embeddings/embedding-operation.js';
import type { EmbeddingRequest } from '../media/embeddings/embedding-request.js';
import { embeddingUpstreamFor } from '../media/embeddings/embedding-upstream-for.js';
import { toFloats } from '../media/embeddings/embedding-vector.js';
import { servableTargets } from '../media/servable-targets.js';
import { type PlannedTarget, planCombo } from '../routing/combo-plan.js';
import { resolveRequestModel } from '../routing/resolve-request-model.js';

/** Where the semantic tier's embedding calls show in the request log (the client made no such request itself). */
export const semanticEmbeddingRoute = '/v1/embeddings';
/** The request-log cache status of those calls, so they can be told apart from the client's own embeddings. */
export const semanticEmbeddingMark = 'semantic-embed';

export interface PromptEmbedding {
  text: string;
  /** The configured embedding model: alias, combo, `provider/model` or bare id. */
  model: string;
  /** The caller's API key id: the call is logged (and costed) under it. */
  keyId: string | undefined;
  signal: AbortSignal;
}

export type EmbedPrompt = (input: PromptEmbedding) => Promise<number[]>;

/**
 * Embeds a prompt through the gateway's own embeddings routing (aliases, combos, fallback, cooldowns, breakers), the
 * same pieces `handleMedia` runs for `POST /v1/embeddings`, and logs one request-log row with usage and cost under
 * the caller's key, marked `semantic-embed`. Key admission is not checked again: the chat request already was.
 * Throws on any failure; the semantic tier turns that into a miss.
 */
export function createPromptEmbedder(deps: () => GenerationDependencies): EmbedPrompt {
  return async ({ text, model, keyId, signal }) => {
    const gateway = deps();
    const log = new RequestLogEntry(randomUUID(), semanticEmbeddingRoute, 'openai', keyId);
    log.cacheStatus = semanticEmbeddingMark;
    log.modelRequested = model;
    const request: EmbeddingRequest = {
      model,
      inputs: [text],
      single: true,
      encodingFormat: 'float',
      body: { model, input: text },
    };
    try {
      const snapshot = gateway.snapshot();
      const target = resolveRequestModel(model, snapshot);
      const planned: PlannedTarget[] =
        target.kind === 'combo'
          ? planCombo(target.combo, snapshot, gateway.runtime.combos)
          : [{ model, resolved: target.resolved, combo: '', index: 0 }];
      const targets = servableTargets(planned, embeddingOperation, semanticEmbeddingRoute);
      log.combo = target.kind === 'combo' ? target.combo.name : undefined;
      let vector: number[] | undefined;
      const failures = await executePlan({
        targets,
        runtime: gateway.runtime,
        snapshot,
        sessionId: undefined,
        signal,
        streamStarted: () => false,
        attempt: async ({ resolved }, connection, attemptNumber) => {
          log.provider = resolved.provider.id;
          log.model = resolved.model;
          log.connectionId = connection.id;
          log.pricing = resolved.definition?.pricing;
          log.attempts = attemptNumber;
          const upstream = embeddingUpstreamFor(resolved);
          if (upstream === undefined) throw new GatewayError('internal', 'No embeddings API for a planned target.');
          log.upstreamBegin();
          try {
            const result = await upstream(request, { resolved, connection, upstream: gateway.upstream, signal });
            log.usage = result.usage;
            const first = result.vectors[0];
            vector = first === undefined ? undefined : toFloats(first);
          } finally {
            log.upstreamEnd();
          }
        },
      });
      log.attempts = failures.length + 1;
      if (vector === undefined || vector.length === 0) {
        throw new GatewayError('upstream_error', 'The embeddings answer held no vector.');
      }
      log.markFirstByte();
      return vector;
    } catch (thrown) {
      const error = toGatewayError(thrown);
      log.fail(error);
      log.attempts = Math.max(log.attempts, 1);
      throw error;
    } finally {
      gateway.requestLogs.enqueue(log.toRow(), { gatewayMs: log.gatewayMs });
    }
  };
}
