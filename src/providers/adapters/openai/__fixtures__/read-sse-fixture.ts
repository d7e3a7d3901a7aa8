import { readFileSync } from 'node:fs';
import type { WireEvent } from '../../../../core/codec.js';
import { sseEvents } from '../../../../../test/helpers/sse-events.js';

/** Splits raw SSE text into framed events with the gateway's own SSE parser. */
export function splitSseEvents(text: string): WireEvent[] {
  return sseEvents(text);
}

export function readFixture(name: string): string {
  return readFileSync(new URL(name, import.meta.url), 'utf8');
}

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name));
}

export function readSseFixture(name: string): WireEvent[] {
  return splitSseEvents(readFixture(name));
}
