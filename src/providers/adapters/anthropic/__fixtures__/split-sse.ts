import type { WireEvent } from '../../../../core/codec.js';
import { sseEvents } from '../../../../../test/helpers/sse-events.js';

/** Test helper: raw SSE text → events, framed by the gateway's own SSE parser. */
export type SseEvent = WireEvent;

export function splitSse(text: string): SseEvent[] {
  return sseEvents(text);
}
