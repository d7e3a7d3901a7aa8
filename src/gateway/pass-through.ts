import type { WireEvent } from '../core/codec.js';
import { GatewayError } from '../core/errors.js';
import { NdjsonParser } from '../upstream/ndjson-parser.js';
import { SseParser } from '../upstream/sse-parser.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { upstreamFailure } from '../upstream/upstream-client.js';
import type { GenerationExchange } from './generation-exchange.js';
import type { RequestPeek } from './peek-request.js';
import { callUpstream, parseUpstreamJson, type UpstreamTarget } from './upstream-call.js';
import { UsageAccumulator } from './usage-accumulator.js';

/**
 * Same wire format on both sides: the body goes upstream with only the model (and auth) changed, and the answer's
 * bytes come back untouched, so unknown and future fields survive. Usage is read on the fly.
 */
export async function passThrough(input: {
  client: UpstreamClient;
  target: UpstreamTarget;
  body: Record<string, unknown>;
  peek: RequestPeek;
  upstreamModel: string;
  exchange: GenerationExchange;
}): Promise<void> {
  const { client, target, body, peek, upstreamModel, exchange } = input;
  const { provider, adapter } = target;
  const upstreamBody: Record<string, unknown> = adapter.format === 'gemini' ? body : { ...body, model: upstreamModel };
  const hideUsageChunk = peek.stream && requestStreamUsage(upstreamBody, target);

  exchange.log.upstreamBegin();
  const response = await callUpstream(
    client,
    target,
    { path: adapter.requestPath(upstreamModel, peek.stream), body: JSON.stringify(upstreamBody) },
    exchange.signal,
  );

  if (!peek.stream) {
    const text = await readBody(response.body, target);
    exchange.log.upstreamEnd();
    exchange.log.markFirstByte();
    exchange.log.usage = adapter.readUsage(parseUpstreamJson(provider, text));
    exchange.sendJson(text);
    return;
  }

  const usage = new UsageAccumulator();
  const parser = adapter.streamFraming === 'sse' ? new SseParser() : new NdjsonParser();
  const writer = exchange.openStream(adapter.streamFraming);
  // One socket write per upstream chunk, not per event: fewer syscalls, same bytes.
  const forward = async (events: Array<WireEvent & { raw: string }>) => {
    let out = '';
    for (const event of events) {
      usage.add(adapter.readStreamUsage(event));
      if (hideUsageChunk && isUsageOnlyChunk(event)) continue;
      out += event.raw;
    }
    if (out === '') return;
    exchange.log.markFirstByte();
    await writer.write(out);
  };
  try {
    for await (const chunk of response.body) await forward(parser.push(chunk));
    await forward(parser.end());
  } catch (error) {
    throw upstreamFailure(error, provider.baseUrl);
  } finally {
    exchange.log.upstreamEnd();
    exchange.log.usage = usage.usage;
  }
  if (!writer.hasStarted) {
    throw new GatewayError(
      'upstream_stream_cut',
      `${provider.name} (${provider.id}) ended the stream without sending anything.`,
    );
  }
  writer.end();
}

/**
 * OpenAI-format upstreams only report stream usage when asked. We ask, so every streamed request is accounted,
 * and hide the extra usage-only chunk from a client that did not ask for it.
 */
function requestStreamUsage(body: Record<string, unknown>, target: UpstreamTarget): boolean {
  if (target.adapter.format !== 'openai' || target.provider.supportsStreamUsage !== true) return false;
  const options = body.stream_options;
  const clientAsked =
    typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
  if (clientAsked) return false;
  body.stream_options = { ...(typeof options === 'object' && options !== null ? options : {}), include_usage: true };
  return true;
}

function isUsageOnlyChunk(event: WireEvent): boolean {
  // Cheap test first: only the final usage chunk has an empty choices array.
  if (!event.data.includes('"choices":[]') && !event.data.includes('"choices": []')) return false;
  try {
    const chunk = JSON.parse(event.data) as { choices?: unknown };
    return Array.isArray(chunk.choices) && chunk.choices.length === 0;
  } catch {
    return false;
  }
}

async function readBody(body: AsyncIterable<Buffer>, target: UpstreamTarget): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of body) chunks.push(chunk);
  } catch (error) {
    throw upstreamFailure(error, target.provider.baseUrl);
  }
  if (chunks.length === 0) {
    throw new GatewayError('upstream_error', `${target.provider.name} (${target.provider.id}) sent an empty answer.`);
  }
  return Buffer.concat(chunks).toString('utf8');
}
