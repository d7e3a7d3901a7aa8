/** What routing chose for a request: sent as `x-omniroute-route` so users can debug their combos. */
export interface RouteTrace {
  strategy: string;
  combo?: string;
  /** provider, model and connection are absent when routing refused the request without an upstream call. */
  provider?: string;
  model?: string;
  connection?: string;
  /** Routing steps up to and including the call that answered (skipped accounts count); 0: no upstream call. */
  attempts: number;
}

/** `strategy=priority; combo=coding; provider=openai; model=gpt-4.1; connection=work; attempts=2; latency_ms=840` */
export function renderRouteTrace(trace: RouteTrace, latencyMs: number): string {
  const fields: Array<[string, string | number | undefined]> = [
    ['strategy', trace.strategy],
    ['combo', trace.combo],
    ['provider', trace.provider],
    ['model', trace.model],
    ['connection', trace.connection],
    ['attempts', trace.attempts],
    ['latency_ms', Math.round(latencyMs)],
  ];
  return fields
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${headerSafe(String(value))}`)
    .join('; ');
}

function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]|;/g, '_');
}
