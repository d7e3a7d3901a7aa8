import { readFileSync } from 'node:fs';
import type { WireEvent } from '../../../../core/codec.js';

/** Splits raw SSE text into framed events, the way the gateway's SSE parser hands them to a decoder. */
export function splitSseEvents(text: string): WireEvent[] {
  const events: WireEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data: string[] = [];
    let name: string | undefined;
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      else if (line.startsWith('event:')) name = line.slice(6).trim();
    }
    if (data.length > 0) events.push(name === undefined ? { data: data.join('\n') } : { event: name, data: data.join('\n') });
  }
  return events;
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
