import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ClientIdentity } from '../auth/key-index.js';
import { GatewayError } from '../core/errors.js';
import { openaiCodec } from '../formats/openai/index.js';
import { type GenerationDependencies, handleGeneration } from '../gateway/generation-handler.js';

/**
 * Who eval traffic is logged as. Not a stored key: request logs and usage show `eval` as the key (filter with
 * `?key=eval`), so eval spend is told apart from client traffic; no key policy or budget applies to it.
 */
export const evalIdentity: ClientIdentity = { keyId: 'eval', keyName: 'eval', scopes: [] };

const evalRoute = '/__omniroute/evals/chat/completions';
const tokenHeader = 'x-omniroute-eval-token';
const callHeader = 'x-omniroute-eval-call';

export interface EvalCallResult {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: unknown;
}

/** Sends one OpenAI chat request through the gateway's own generation pipeline. */
export type EvalCaller = (body: unknown, signal: AbortSignal) => Promise<EvalCallResult>;

/**
 * Eval cases run through the normal generation pipeline (model resolution, combos, fallbacks, request shaping,
 * usage and request logs) by injecting requests into this route in-process (`app.inject`: no socket, no port).
 * The route answers only requests that carry this process's random token, which never leaves memory; to anyone
 * else it is a 404 like any unknown path.
 */
export function registerEvalGenerationRoute(app: FastifyInstance, generation: GenerationDependencies): EvalCaller {
  const token = randomBytes(32);
  // light-my-request's `signal` only destroys the injected request, which the pipeline never watches; so each call's
  // signal is looked up here and destroys the reply, which aborts the upstream call like a client disconnect does.
  const signals = new Map<string, AbortSignal>();
  let sequence = 0;
  app.post(
    evalRoute,
    { config: { openapi: { summary: 'Internal: eval runs (answers only in-process requests)' } } },
    async (request, reply) => {
      if (!hasToken(request.headers[tokenHeader], token)) {
        throw new GatewayError('not_found', `No route for ${request.method} ${evalRoute}.`);
      }
      abortWith(signals.get(String(request.headers[callHeader])), reply.raw);
      await handleGeneration(generation, {
        request,
        reply,
        codec: openaiCodec,
        body: request.body,
        identity: evalIdentity,
      });
    },
  );
  return async (body, signal) => {
    signal.throwIfAborted();
    const callId = String(++sequence);
    signals.set(callId, signal);
    try {
      const response = await app.inject({
        method: 'POST',
        url: evalRoute,
        // no-cache: an eval measures the model, so a cached answer (and its zero latency) would defeat it.
        headers: {
          'content-type': 'application/json',
          'cache-control': 'no-cache',
          [tokenHeader]: token.toString('hex'),
          [callHeader]: callId,
        },
        payload: JSON.stringify(body),
      });
      return { status: response.statusCode, headers: response.headers, body: parseBody(response.body) };
    } finally {
      signals.delete(callId);
    }
  };
}

function abortWith(signal: AbortSignal | undefined, response: ServerResponse): void {
  if (signal === undefined) return;
  const abort = () => {
    response.destroy();
  };
  if (signal.aborted) {
    abort();
    return;
  }
  signal.addEventListener('abort', abort, { once: true });
  response.once('close', () => signal.removeEventListener('abort', abort));
}

function hasToken(presented: string | string[] | undefined, token: Buffer): boolean {
  if (typeof presented !== 'string') return false;
  const bytes = Buffer.from(presented, 'hex');
  return bytes.length === token.length && timingSafeEqual(bytes, token);
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
