import { SseParser } from '../upstream/sse-parser.js';
import type { UpstreamResponse } from '../upstream/upstream-client.js';

type Body = UpstreamResponse['body'];

/** A body made of one JSON text, for an answer the gateway assembled itself. */
export function jsonBody(text: string): Body {
  const bytes = Buffer.from(text, 'utf8');
  return {
    async *[Symbol.asyncIterator]() {
      yield bytes;
    },
    text: async () => text,
    dump: async () => undefined,
  };
}

/** Rewrites each SSE event's data (Code Assist's `{response: ...}` envelope off); other bytes are dropped. */
export function mapSseBody(body: Body, mapData: (data: string) => string): Body {
  async function* events(): AsyncGenerator<Buffer> {
    const parser = new SseParser();
    for await (const chunk of body) {
      const out = parser
        .push(chunk)
        .map((event) => `data: ${mapData(event.data)}\n\n`)
        .join('');
      if (out !== '') yield Buffer.from(out, 'utf8');
    }
    const tail = parser
      .end()
      .map((event) => `data: ${mapData(event.data)}\n\n`)
      .join('');
    if (tail !== '') yield Buffer.from(tail, 'utf8');
  }
  const iterable = events();
  return {
    [Symbol.asyncIterator]: () => iterable,
    text: async () => {
      let text = '';
      for await (const chunk of iterable) text += chunk.toString('utf8');
      return text;
    },
    dump: () => body.dump(),
  };
}

/**
 * Codex's backend only streams. For a client that asked for one JSON answer, read the stream to its
 * `response.completed` event, whose `response` is exactly the Responses API's non-streaming answer.
 */
export async function collectResponsesStream(body: Body): Promise<{ json?: string; error?: string }> {
  const parser = new SseParser();
  let failure: string | undefined;
  const take = (data: string): string | undefined => {
    if (!data.includes('"response.')) return undefined;
    try {
      const event = JSON.parse(data) as { type?: unknown; response?: unknown };
      if (event.type === 'response.completed' || event.type === 'response.incomplete') {
        return JSON.stringify(event.response);
      }
      if (event.type === 'response.failed') failure = JSON.stringify(event.response);
    } catch {
      // Not an event we read.
    }
    return undefined;
  };
  for await (const chunk of body) {
    for (const event of parser.push(chunk)) {
      const json = take(event.data);
      if (json !== undefined) return { json };
    }
  }
  for (const event of parser.end()) {
    const json = take(event.data);
    if (json !== undefined) return { json };
  }
  return { error: failure ?? 'the stream ended without a completed response' };
}
