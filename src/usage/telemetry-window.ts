import type { LoggedRequest } from './request-log-writer.js';

interface Sample {
  at: number;
  provider: string;
  model: string;
  latencyMs: number;
  /** -1 when the request had no first byte (never reached the client). */
  ttftMs: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface TelemetryGroup {
  /** Provider id, or `provider/model`. */
  name: string;
  requests: number;
  latencyMs: Percentiles;
  /** Null when no request of the group had a first byte. */
  ttftMs: Percentiles | null;
}

export interface TelemetrySummary {
  windowMinutes: number;
  /** Samples inside the window (the buffer keeps at most `capacity`). */
  samples: number;
  /** The oldest sample still held; when it is younger than the window start, the buffer is the limit. */
  oldestSampleAt: number | null;
  capacity: number;
  providers: TelemetryGroup[];
  models: TelemetryGroup[];
}

/**
 * Latency and time-to-first-token percentiles over a rolling window, from a fixed-size ring buffer of recent
 * successful requests fed by the request-log writer: a summary never scans the database, and memory is bounded
 * whatever the traffic. Failed requests are left out: their latency (a fast 4xx, a slow timeout) says nothing about
 * how fast a provider serves.
 */
export class TelemetryWindow {
  private readonly samples: Array<Sample | undefined>;
  private next = 0;
  private size = 0;

  constructor(
    readonly capacity = 20_000,
    private readonly now: () => number = Date.now,
  ) {
    this.samples = new Array<Sample | undefined>(capacity);
  }

  /** Subscriber for RequestLogWriter. */
  readonly record = (batch: readonly LoggedRequest[]): void => {
    for (const { row } of batch) {
      if (row.status >= 400 || row.provider == null || row.model == null) continue;
      this.add({
        at: row.created_at + row.latency_ms,
        provider: row.provider,
        model: row.model,
        latencyMs: row.latency_ms,
        ttftMs: row.ttft_ms ?? -1,
      });
    }
  };

  add(sample: Sample): void {
    this.samples[this.next] = sample;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  summary(windowMinutes: number): TelemetrySummary {
    const since = this.now() - windowMinutes * 60_000;
    const byProvider = new Map<string, Sample[]>();
    const byModel = new Map<string, Sample[]>();
    let count = 0;
    let oldest: number | null = null;
    for (let index = 0; index < this.size; index += 1) {
      const sample = this.samples[index];
      if (sample === undefined) continue;
      if (oldest === null || sample.at < oldest) oldest = sample.at;
      if (sample.at < since) continue;
      count += 1;
      push(byProvider, sample.provider, sample);
      push(byModel, `${sample.provider}/${sample.model}`, sample);
    }
    return {
      windowMinutes,
      samples: count,
      oldestSampleAt: oldest,
      capacity: this.capacity,
      providers: summarize(byProvider),
      models: summarize(byModel),
    };
  }
}

function push(groups: Map<string, Sample[]>, key: string, sample: Sample): void {
  const list = groups.get(key);
  if (list === undefined) groups.set(key, [sample]);
  else list.push(sample);
}

function summarize(groups: Map<string, Sample[]>): TelemetryGroup[] {
  return [...groups]
    .map(([name, samples]) => {
      const ttfts = samples.map((sample) => sample.ttftMs).filter((value) => value >= 0);
      return {
        name,
        requests: samples.length,
        latencyMs: percentiles(samples.map((sample) => sample.latencyMs)),
        ttftMs: ttfts.length === 0 ? null : percentiles(ttfts),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Nearest-rank percentiles (each value is one that was observed), the usual definition for latency reports. */
export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { p50: rank(50), p95: rank(95), p99: rank(99) };
}
