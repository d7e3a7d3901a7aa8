import type { RawSseEvent } from './sse-parser.js';

/** Incremental NDJSON splitter: one event per non-empty line, with its raw text for pass-through. */
export class NdjsonParser {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array): RawSseEvent[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    const events: RawSseEvent[] = [];
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline);
      if (line.trim() !== '') events.push({ data: line.trim(), raw: `${line}\n` });
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
    }
    return events;
  }

  end(): RawSseEvent[] {
    this.buffer += this.decoder.decode();
    const rest = this.buffer.trim();
    this.buffer = '';
    return rest === '' ? [] : [{ data: rest, raw: `${rest}\n` }];
  }
}
