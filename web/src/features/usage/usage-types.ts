export interface UsageTotals {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  unpricedRequests: number;
  costUsd: number;
}

export interface UsageBucket extends UsageTotals {
  start: number;
  /** The group's id (provider, model, key id, combo); null: requests without one (no combo, anonymous key). */
  group?: string | null;
  /** A readable name for key and connection groups. */
  label?: string;
}

export interface UsageHistory {
  from: number;
  to: number;
  bucket: 'hour' | 'day';
  bucketMs: number;
  groupBy: string | null;
  buckets: UsageBucket[];
  totals: UsageTotals & { lastRequestAt: number | null };
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface TelemetryRow {
  name: string;
  requests: number;
  latencyMs: Percentiles;
  ttftMs: Percentiles;
}

export interface TelemetrySummary {
  windowMinutes: number;
  samples: number;
  providers: TelemetryRow[];
  models: TelemetryRow[];
}

export interface BudgetStatus {
  id: string;
  keyId: string;
  keyName: string;
  period: string;
  limit: number;
  warningThreshold: number | null;
  spent: number;
  reserved: number;
  remaining: number;
  warning: boolean;
  exceeded: boolean;
  resetsAt: string;
}

export type Metric = 'requests' | 'tokens' | 'cost';

export function metricOf(entry: UsageTotals, metric: Metric): number {
  switch (metric) {
    case 'requests':
      return entry.requests;
    case 'tokens':
      return entry.inputTokens + entry.outputTokens;
    case 'cost':
      return entry.costUsd;
    default: {
      const never: never = metric;
      return never;
    }
  }
}
