import type { CanonicalResponse } from '../core/canonical.js';
import type { StreamDecoder, UpstreamAdapter, WireEvent } from '../core/codec.js';
import type { AnswerObserver } from '../gateway/answer-observer.js';
import { NdjsonParser } from '../upstream/ndjson-parser.js';
import { SseParser } from '../upstream/sse-parser.js';
import { StreamPartsCollector } from './stream-parts-collector.js';

/**
 * Rebuilds the canonical answer from what the client was sent (JSON body or stream frames), whatever path made it
 * (pass-through or translated): a client format's answer is that format's upstream answer, so the same-format
 * upstream adapter reads it back. Only runs for requests whose answer will be reused (cache, idempotency).
 */
export class AnswerRecorder implements AnswerObserver {
  private jsonText: string | undefined;
  private parser: SseParser | NdjsonParser | undefined;
  private decoder: StreamDecoder | undefined;
  private readonly collector = new StreamPartsCollector();
  private broken = false;

  constructor(private readonly adapter: UpstreamAdapter) {}

  json(text: string): void {
    this.jsonText = text;
  }

  frames(text: string): void {
    if (this.broken) return;
    try {
      this.parser ??= this.adapter.streamFraming === 'sse' ? new SseParser() : new NdjsonParser();
      this.decoder ??= this.adapter.createStreamDecoder();
      this.decode(this.parser.push(Buffer.from(text)));
    } catch {
      // Not readable: the answer still reaches the client, it is just not kept.
      this.broken = true;
    }
  }

  /** The whole answer once the request succeeded; undefined when it was cut, failed or could not be read back. */
  result(): CanonicalResponse | undefined {
    if (this.broken) return undefined;
    try {
      if (this.jsonText !== undefined) return this.adapter.parseResponse(JSON.parse(this.jsonText));
      if (this.parser === undefined || this.decoder === undefined) return undefined;
      this.decode(this.parser.end());
      this.collector.add(this.decoder.end());
      return this.collector.result();
    } catch {
      return undefined;
    }
  }

  private decode(events: WireEvent[]): void {
    const decoder = this.decoder;
    if (decoder === undefined) return;
    for (const event of events) this.collector.add(decoder.decode(event));
  }
}

/** Both observers see the answer; either failing leaves the other (and the answer) alone. */
export function teeObservers(first: AnswerObserver | undefined, second: AnswerObserver): AnswerObserver {
  if (first === undefined) return second;
  return {
    json(text) {
      first.json(text);
      second.json(text);
    },
    frames(text) {
      first.frames(text);
      second.frames(text);
    },
  };
}
