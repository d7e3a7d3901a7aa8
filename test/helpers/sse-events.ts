import type { WireEvent } from '../../src/core/codec.js';
import { SseParser } from '../../src/upstream/sse-parser.js';

/** Raw SSE text → the events the gateway's own SSE parser hands to a decoder (fixtures are framed the real way). */
export function sseEvents(text: string): WireEvent[] {
  const parser = new SseParser();
  return [...parser.push(new TextEncoder().encode(text)), ...parser.end()].map(({ event, data }) =>
    event === undefined ? { data } : { event, data },
  );
}
