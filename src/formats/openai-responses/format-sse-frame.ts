/** Responses streams name every frame twice: the SSE `event:` line and the `type` inside the data. */
export function formatSseFrame<T extends { type: string }>(payload: T): string {
  return `event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`;
}
