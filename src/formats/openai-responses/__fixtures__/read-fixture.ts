import { readFileSync } from 'node:fs';
import type { WireEvent } from '../../../core/codec.js';

/** Test helper: fixtures are read relative to this folder. */
export function readFixtureText(name: string): string {
  return readFileSync(new URL(name, import.meta.url), 'utf8');
}

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixtureText(name));
}

/** Raw SSE text → one WireEvent per frame (what the gateway's SSE parser hands to a decoder). */
export function splitSseFrames(text: string): WireEvent[] {
  return text
    .split(/\n\n+/)
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      let event: string | undefined;
      const data: string[] = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith('event:')) event = line.slice('event:'.length).trim();
        else if (line.startsWith('data:')) data.push(line.slice('data:'.length).trimStart());
      }
      return { ...(event === undefined ? {} : { event }), data: data.join('\n') };
    });
}

export function readSseFixture(name: string): WireEvent[] {
  return splitSseFrames(readFixtureText(name));
}
