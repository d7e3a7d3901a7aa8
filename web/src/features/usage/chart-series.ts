import { type Metric, metricOf, type UsageHistory } from './usage-types';

export interface ChartSeries {
  /** Bucket start times, every bucket of the range (empty ones included). */
  starts: number[];
  groups: Array<{ id: string; label: string; values: number[]; total: number }>;
}

const maxGroups = 6;

/**
 * History buckets → one value per bucket per group, gaps filled with zeros, the biggest groups kept and the rest
 * summed as "Other" (a chart with 40 colours says nothing). Pure, so the shaping is tested without a browser.
 */
export function chartSeries(history: UsageHistory, metric: Metric): ChartSeries {
  const { bucketMs } = history;
  const first = Math.floor(history.from / bucketMs) * bucketMs;
  const starts: number[] = [];
  for (let start = first; start < history.to; start += bucketMs) starts.push(start);
  const index = new Map(starts.map((start, position) => [start, position]));
  const byGroup = new Map<string, { label: string; values: number[]; total: number }>();
  for (const bucket of history.buckets) {
    const id = history.groupBy === null ? 'all' : (bucket.group ?? '(none)');
    const label =
      history.groupBy === null ? 'All requests' : bucket.group == null ? `no ${history.groupBy}` : (bucket.label ?? id);
    let entry = byGroup.get(id);
    if (entry === undefined) {
      entry = { label, values: starts.map(() => 0), total: 0 };
      byGroup.set(id, entry);
    }
    const position = index.get(bucket.start);
    if (position === undefined) continue;
    const value = metricOf(bucket, metric);
    entry.values[position] = (entry.values[position] ?? 0) + value;
    entry.total += value;
  }
  const sorted = [...byGroup.entries()].map(([id, entry]) => ({ id, ...entry })).sort((a, b) => b.total - a.total);
  if (sorted.length <= maxGroups) return { starts, groups: sorted };
  const kept = sorted.slice(0, maxGroups - 1);
  const rest = sorted.slice(maxGroups - 1);
  const other = {
    id: '__other',
    label: `Other (${rest.length})`,
    values: starts.map((_, position) => rest.reduce((sum, group) => sum + (group.values[position] ?? 0), 0)),
    total: rest.reduce((sum, group) => sum + group.total, 0),
  };
  return { starts, groups: [...kept, other] };
}

/** Sums per group over the whole range (top models, top keys), biggest first. */
export function groupTotals(
  history: UsageHistory,
): Array<{ id: string; label: string; requests: number; tokens: number; costUsd: number }> {
  const totals = new Map<string, { id: string; label: string; requests: number; tokens: number; costUsd: number }>();
  for (const bucket of history.buckets) {
    const id = bucket.group ?? '(none)';
    const entry = totals.get(id) ?? { id, label: bucket.label ?? id, requests: 0, tokens: 0, costUsd: 0 };
    entry.requests += bucket.requests;
    entry.tokens += bucket.inputTokens + bucket.outputTokens;
    entry.costUsd += bucket.costUsd;
    totals.set(id, entry);
  }
  return [...totals.values()].sort((a, b) => b.requests - a.requests);
}
