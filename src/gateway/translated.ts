import type { CanonicalRequest, Converted } from '../core/canonical.js';
import type { ClientCodec, ResponseContext, StreamEncoder, WireEvent } from '../core/codec.js';
import { GatewayError } from '../core/errors.js';
import type { StreamPart } from '../core/stream-parts.js';
import { NdjsonParser } from '../upstream/ndjson-parser.js';
import { SseParser } from '../upstream/sse-parser.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { upstreamFailure } from '../upstream/upstream-client.js';
import type { GenerationExchange } from './generation-exchange.js';
import { callUpstream, parseUpstreamJson, type UpstreamTarget } from './upstream-call.js';
import { UsageAccumulator } from './usage-accumulator.js';

/**
 * Client and upstream speak different formats: client wire → canonical (codec) → upstream wire (adapter), and the
 * answer back the same way. Streams are composed stages: bytes → events → canonical parts → client frames.
 */
export async function translate(input: {
  client: UpstreamClient;
  target: UpstreamTarget;
  codec: ClientCodec;
  /** The client request in canonical form, parsed once however many attempts translate it. */
  parsed: () => Converted<CanonicalRequest>;
  upstreamModel: string;
  context: ResponseContext;
  exchange: GenerationExchange;
}): Promise<void> {
  const { client, target, codec, upstreamModel, context, exchange } = input;
  const parsed = input.parsed();
  const canonical = { ...parsed.value, model: upstreamModel };
  const built = target.adapter.buildRequest(canonical);
  const warnings = [...parsed.warnings, ...built.warnings];
  if (warnings.length > 0) exchange.setHeader('x-omniroute-warnings', headerSafe(warnings.join('; ')));

  const upstreamRequest = built.value;
  exchange.log.upstreamBegin();
  const response = await callUpstream(
    client,
    target,
    { path: upstreamRequest.path, body: JSON.stringify(upstreamRequest.body), headers: upstreamRequest.headers },
    exchange.signal,
  );

  if (!canonical.stream) {
    const text = await response.body.text().catch((error: unknown) => {
      throw upstreamFailure(error, target.provider.baseUrl);
    });
    exchange.log.upstreamEnd();
    exchange.log.markFirstByte();
    const answer = target.adapter.parseResponse(parseUpstreamJson(target.provider, text));
    exchange.log.usage = answer.usage;
    exchange.sendJson(codec.renderResponse(answer, context));
    return;
  }

  const parser = target.adapter.streamFraming === 'sse' ? new SseParser() : new NdjsonParser();
  const decoder = target.adapter.createStreamDecoder();
  const encoder = codec.createStreamEncoder(context);
  const writer = exchange.openStream(codec.streamFraming);
  const usage = new UsageAccumulator();
  let finished = false;
  let failure: GatewayError | undefined;
  // Frames of one upstream chunk are written together: one socket write per chunk, not per part.
  const frameParts = (parts: StreamPart[]): string => {
    let out = '';
    for (const part of parts) {
      if (part.type === 'usage') usage.add(part.usage);
      if (part.type === 'finish') finished = true;
      if (part.type === 'error') {
        failure = new GatewayError('upstream_error', part.message, { kind: part.kind });
        break;
      }
      out += encoder.encode(part);
    }
    return out;
  };
  const frameEvents = (events: WireEvent[]): string => {
    let out = '';
    for (const event of events) {
      out += frameParts(decoder.decode(event));
      if (failure !== undefined) break;
    }
    return out;
  };
  const flush = async (out: string) => {
    if (out !== '') {
      exchange.log.markFirstByte();
      await writer.write(out);
    }
    if (failure !== undefined) throw failure;
  };
  try {
    for await (const chunk of response.body) await flush(frameEvents(parser.push(chunk)));
    const tail = frameEvents(parser.end());
    await flush(failure === undefined ? tail + frameParts(decoder.end()) : tail);
  } catch (error) {
    throw streamFailure(error, target, encoder);
  } finally {
    exchange.log.upstreamEnd();
    exchange.log.usage = usage.usage;
  }
  if (!finished) {
    throw new StreamAbandoned(
      new GatewayError('upstream_stream_cut', `${target.provider.name} ended the stream before it finished.`),
      encoder,
    );
  }
  writer.end(encoder.end());
}

/** A failure after frames may have been written: the handler closes the client stream with the encoder's help. */
export class StreamAbandoned extends Error {
  constructor(
    readonly error: GatewayError,
    readonly encoder: StreamEncoder,
  ) {
    super(error.message);
  }
}

function streamFailure(error: unknown, target: UpstreamTarget, encoder: StreamEncoder): StreamAbandoned {
  return new StreamAbandoned(upstreamFailure(error, target.provider.baseUrl), encoder);
}

function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 1000);
}
