import type { WireEvent } from '../core/codec.js';

/**
 * Incremental SSE parser (WHATWG event-stream rules): bytes in, complete events out. Keeps the raw text of
 * each event too, so a pass-through can forward it unchanged. Handles \n, \r\n and \r line endings, events split
 * across chunks, comments (`:` lines) and multi-line `data:`.
 */
export interface RawSseEvent extends WireEvent {
  /** The event's exact text including its trailing blank line. */
  raw: string;
}

export class SseParser {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array): RawSseEvent[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** Emits a last event the upstream did not terminate with a blank line. */
  end(): RawSseEvent[] {
    this.buffer += this.decoder.decode();
    return this.drain(true);
  }

  private drain(final: boolean): RawSseEvent[] {
    const events: RawSseEvent[] = [];
    // Most upstreams use plain \n; only scan for the \r variants when the buffer has a \r at all.
    const hasCarriageReturn = this.buffer.includes('\r');
    let start = 0;
    for (;;) {
      const boundary = hasCarriageReturn ? findBoundary(this.buffer, start) : findNewlineBoundary(this.buffer, start);
      if (boundary === undefined) break;
      const event = parseEvent(this.buffer.slice(start, boundary.end), this.buffer.slice(start, boundary.next));
      if (event !== undefined) events.push(event);
      start = boundary.next;
    }
    this.buffer = this.buffer.slice(start);
    if (final && this.buffer.trim() !== '') {
      const event = parseEvent(this.buffer, `${this.buffer}\n\n`);
      if (event !== undefined) events.push(event);
      this.buffer = '';
    }
    return events;
  }
}

function findNewlineBoundary(text: string, from: number): { end: number; next: number } | undefined {
  const index = text.indexOf('\n\n', from);
  return index === -1 ? undefined : { end: index, next: index + 2 };
}

function findBoundary(text: string, from: number): { end: number; next: number } | undefined {
  const candidates = [
    ['\n\n', 2],
    ['\r\n\r\n', 4],
    ['\r\r', 2],
  ] as const;
  let best: { end: number; next: number } | undefined;
  for (const [separator, length] of candidates) {
    const index = text.indexOf(separator, from);
    if (index !== -1 && (best === undefined || index < best.end)) best = { end: index, next: index + length };
  }
  return best;
}

function parseEvent(block: string, raw: string): RawSseEvent | undefined {
  // Fast path: the usual single-line `data: …` event.
  if (block.startsWith('data:') && !block.includes('\n') && !block.includes('\r')) {
    const value = block.charCodeAt(5) === 32 ? block.slice(6) : block.slice(5);
    return { data: value, raw };
  }
  let name: string | undefined;
  let data: string | undefined;
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (field === 'event') name = value;
  }
  if (data === undefined) return undefined;
  return name === undefined ? { data, raw } : { event: name, data, raw };
}
