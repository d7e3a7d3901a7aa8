import type { IncomingHttpHeaders } from 'node:http';
import type { ClientCodec, StreamDecoder, UpstreamAdapter } from '../core/codec.js';
import type { WireFormat } from '../core/wire-format.js';
import { clientCodecs } from '../formats/index.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import { SseParser } from '../upstream/sse-parser.js';

/** A progress frame goes out after at least this many new tokens, or this long since the last one. */
const everyTokens = 16;
const everyMs = 500;

/**
 * How each client format carries progress so that its official SDK still parses the stream into the same answer
 * (verified in test/e2e/cache/progress.test.ts):
 * - Anthropic: a named `event: progress` whose data has `type: "progress"`. Its SDK hands unknown event types
 *   through (as with `ping`) and its MessageStream accumulator ignores them.
 * - OpenAI Chat, OpenAI Responses and Gemini: an SSE comment line `: progress {...}`. Their SDKs treat every
 *   `data:` as a chunk (a progress object would reach user code as a chunk without `choices`/`candidates`, and the
 *   Responses stream helper throws on event types it does not know), while every SSE parser skips comments.
 * - Ollama (NDJSON): no room for an extra line its client would not read as a chunk, so no progress.
 */
const styles: Partial<Record<WireFormat, 'event' | 'comment'>> = {
  anthropic: 'event',
  'openai-responses': 'comment',
  openai: 'comment',
  gemini: 'comment',
};

/** Where a format's stream says it is over: the last progress frame goes in front of it. Gemini has no such event. */
const terminators: Partial<Record<WireFormat, RegExp>> = {
  openai: /^data: \[DONE\]/m,
  anthropic: /^event: message_stop/m,
  'openai-responses': /^event: response\.(completed|incomplete|failed)/m,
};

export function progressRequested(headers: IncomingHttpHeaders): boolean {
  return headers['x-omniroute-progress'] === 'true';
}

/** What the stream writer asks for: the answer's frames with progress frames put in (`last`: the stream ends). */
export interface ProgressSource {
  insert(frames: string, last: boolean): string;
}

/** Progress frames for a stream in `format`, or undefined when the format has no tolerable way to carry them. */
export function createProgressFrames(format: WireFormat, adapter: UpstreamAdapter): ProgressSource | undefined {
  const style = styles[format];
  if (style === undefined || adapter.streamFraming !== 'sse') return undefined;
  return new ProgressFrames(style, adapter.createStreamDecoder(), terminators[format]);
}

/**
 * Counts what the client was sent (the stream's own frames, decoded with its format's decoder): tokens are
 * estimated as characters / 4 until the stream reports its real output tokens.
 */
class ProgressFrames implements ProgressSource {
  private readonly startedAt = performance.now();
  private readonly parser = new SseParser();
  private characters = 0;
  private reportedTokens: number | undefined;
  private lastTokens = 0;
  private lastAt = this.startedAt;
  private done = false;

  constructor(
    private readonly style: 'event' | 'comment',
    private readonly decoder: StreamDecoder,
    private readonly terminator: RegExp | undefined,
  ) {}

  insert(frames: string, last: boolean): string {
    if (this.done) return frames;
    this.count(frames);
    const now = performance.now();
    const end = this.terminator === undefined ? -1 : frames.search(this.terminator);
    if (end !== -1 || last) {
      // The last one (`done: true`) goes before the stream's terminator, or after its last frame when it has none.
      this.done = true;
      const final = this.render({ tokens_generated: this.tokens(), elapsed_ms: this.elapsed(now), done: true });
      return end === -1 ? frames + final : frames.slice(0, end) + final + frames.slice(end);
    }
    const tokens = this.tokens();
    if (tokens - this.lastTokens < everyTokens && now - this.lastAt < everyMs) return frames;
    this.lastTokens = tokens;
    this.lastAt = now;
    return frames + this.render({ tokens_generated: tokens, elapsed_ms: this.elapsed(now) });
  }

  private elapsed(now: number): number {
    return Math.round(now - this.startedAt);
  }

  private count(frames: string): void {
    try {
      for (const event of this.parser.push(Buffer.from(frames))) {
        for (const part of this.decoder.decode(event)) {
          if (part.type === 'text-delta' || part.type === 'reasoning-delta') this.characters += part.text.length;
          else if (part.type === 'tool-input-delta') this.characters += part.delta.length;
          else if (part.type === 'usage' && part.usage.outputTokens > 0) this.reportedTokens = part.usage.outputTokens;
        }
      }
    } catch {
      // Progress is best effort: a frame it cannot read is simply not counted.
    }
  }

  private tokens(): number {
    return this.reportedTokens ?? Math.ceil(this.characters / 4);
  }

  private render(progress: Record<string, unknown>): string {
    if (this.style === 'comment') return `: progress ${JSON.stringify(progress)}\n\n`;
    return `event: progress\ndata: ${JSON.stringify({ type: 'progress', ...progress })}\n\n`;
  }
}

/** Progress for a streaming request that asked for it, in its client's format (none for the legacy completions API). */
export function progressFor(codec: ClientCodec, headers: IncomingHttpHeaders): ProgressSource | undefined {
  if (!progressRequested(headers) || clientCodecs[codec.format] !== codec) return undefined;
  return createProgressFrames(codec.format, upstreamAdapters[codec.format]);
}
