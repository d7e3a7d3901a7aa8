// Reading raw client streams: SSE blocks and NDJSON lines as frames, each checked to be a non-empty JSON object.
import { expect } from 'vitest';

export interface Frame {
  /** The SSE `event:` name, when the frame has one. */
  event?: string;
  /** The `data:` text (SSE) or the line (NDJSON). */
  data: string;
}

/** Splits an SSE body into frames; a frame without data (a comment, a bare event line) fails the test. */
export function parseSse(text: string): Frame[] {
  const frames: Frame[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (block.trim() === '') continue;
    const lines = block.split(/\r?\n/);
    const event = lines
      .find((line) => line.startsWith('event:'))
      ?.slice(6)
      .trim();
    const data = lines
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    frames.push(event === undefined ? { data } : { event, data });
  }
  return frames;
}

export function parseNdjson(text: string): Frame[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((data) => ({ data }));
}

/** No frame may be empty or `null`, and every frame but OpenAI's `[DONE]` is a JSON object. */
export function jsonOf(frames: Frame[]): any[] {
  return frames.map((frame) => {
    expect(frame.data.trim(), `empty frame in ${JSON.stringify(frames)}`).not.toBe('');
    expect(frame.data.trim()).not.toBe('null');
    const value = JSON.parse(frame.data);
    expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
    return value;
  });
}
