import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SseParser', () => {
  it('parses events split at every possible byte boundary the same way', () => {
    const text = 'event: a\ndata: {"x":1}\n\n: comment\ndata: line1\ndata: line2\n\ndata: [DONE]\n\n';
    for (let cut = 1; cut < text.length; cut += 1) {
      const parser = new SseParser();
      const events = [
        ...parser.push(bytes(text.slice(0, cut))),
        ...parser.push(bytes(text.slice(cut))),
        ...parser.end(),
      ];
      expect(events.map(({ event, data }) => ({ event, data }))).toEqual([
        { event: 'a', data: '{"x":1}' },
        { event: undefined, data: 'line1\nline2' },
        { event: undefined, data: '[DONE]' },
      ]);
    }
  });

  it('handles \\r\\n line endings, multibyte characters split across chunks, and a last unterminated event', () => {
    const parser = new SseParser();
    const encoded = bytes('data: héllo\r\n\r\ndata: tail');
    const events = [...parser.push(encoded.slice(0, 8)), ...parser.push(encoded.slice(8)), ...parser.end()];
    expect(events.map((event) => event.data)).toEqual(['héllo', 'tail']);
  });

  it('keeps the raw text of each event for pass-through', () => {
    const parser = new SseParser();
    const events = parser.push(bytes('data: a\n\nevent: e\ndata: b\n\n'));
    expect(events.map((event) => event.raw).join('')).toBe('data: a\n\nevent: e\ndata: b\n\n');
  });
});
