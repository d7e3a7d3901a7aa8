import type { ClientCodec, ResponseContext } from '../core/codec.js';
import type { GenerationExchange } from '../gateway/generation-exchange.js';
import { fromNanoUsd } from '../usage/compute-cost.js';
import type { CachedAnswer } from './cached-answer.js';
import { toStreamParts } from './stream-parts-collector.js';

/**
 * Answers from a reused answer, in the client's own format: as JSON, or as a well-formed stream made by the
 * client codec's own encoder (so an answer first made as JSON can serve a stream, and the other way round).
 * The request-log entry records who made the answer and the cost saved; the reuse itself costs nothing.
 */
export async function replayAnswer(input: {
  exchange: GenerationExchange;
  codec: ClientCodec;
  answer: CachedAnswer;
  context: ResponseContext;
  stream: boolean;
  via: 'hit' | 'idempotent';
}): Promise<void> {
  const { exchange, codec, answer, context, stream, via } = input;
  const { log } = exchange;
  log.provider = answer.provider;
  log.model = answer.model;
  log.cacheStatus = via;
  log.costSavedNano = answer.costNano;
  exchange.setHeader('x-omniroute-cost-saved', fromNanoUsd(answer.costNano).toFixed(10));
  log.markFirstByte();
  if (!stream) {
    exchange.sendJson(codec.renderResponse(answer.response, context));
    return;
  }
  const encoder = codec.createStreamEncoder(context);
  const writer = exchange.openStream(codec.streamFraming);
  let frames = '';
  for (const part of toStreamParts(answer.response)) frames += encoder.encode(part);
  await writer.write(frames);
  writer.end(encoder.end());
}
