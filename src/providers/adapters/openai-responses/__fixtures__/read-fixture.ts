import { readFileSync } from 'node:fs';
import { sseEvents } from '../../../../../test/helpers/sse-events.js';
import type { WireEvent } from '../../../../core/codec.js';

/** Test helper: fixtures are read relative to this folder. */
export function readFixtureText(name: string): string {
  return readFileSync(new URL(name, import.meta.url), 'utf8');
}

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixtureText(name));
}

/** Raw SSE text → one WireEvent per frame, framed by the gateway's own SSE parser. */
export function splitSseFrames(text: string): WireEvent[] {
  return sseEvents(text);
}

export function readSseFixture(name: string): WireEvent[] {
  return splitSseFrames(readFixtureText(name));
}
