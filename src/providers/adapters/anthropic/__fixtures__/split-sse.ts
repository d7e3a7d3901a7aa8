/** Test helper: raw SSE text → events, the way the gateway's SSE parser frames them for decoders. */
export interface SseEvent {
  event?: string;
  data: string;
}

export function splitSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const chunk of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of chunk.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) events.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
  }
  return events;
}
