import type { RequestLogEntry } from './request-log-entry.js';

/**
 * What a successful non-streaming answer cost, on the answer itself: users debugging routing or spend see it
 * without opening the dashboard. (A stream's usage is only known after its headers went out.)
 * `x-omniroute-priced: false` says the cost is 0 because no price is known, not because the call was free.
 */
export function usageHeaders(log: RequestLogEntry): Record<string, string> {
  const cost = log.cost;
  const headers: Record<string, string> = {
    'x-omniroute-cost': cost.usd.toFixed(10),
    'x-omniroute-priced': cost.priced ? 'true' : 'false',
    'x-omniroute-latency-ms': String(Math.round(log.elapsedMs())),
  };
  if (log.usage !== undefined) {
    headers['x-omniroute-tokens-in'] = String(log.usage.inputTokens);
    headers['x-omniroute-tokens-out'] = String(log.usage.outputTokens);
  }
  return headers;
}

/** Which provider and model answered: on every answer that reached an upstream, streams included. */
export function targetHeaders(log: RequestLogEntry): Record<string, string> {
  if (log.provider === undefined || log.model === undefined) return {};
  return { 'x-omniroute-provider': log.provider, 'x-omniroute-model': headerSafe(log.model) };
}

function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
