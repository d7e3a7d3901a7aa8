import { describe, expect, it } from 'vitest';
import type { NewRequestLogRow } from '../storage/repositories/request-logs-repository.js';
import { percentiles, TelemetryWindow } from './telemetry-window.js';

const minute = 60_000;

function logged(input: {
  at: number;
  provider: string;
  model: string;
  latency: number;
  ttft?: number;
  status?: number;
}) {
  const row: NewRequestLogRow = {
    request_id: 'r',
    created_at: input.at - input.latency,
    route: '/v1/chat/completions',
    client_format: 'openai',
    provider: input.provider,
    model: input.model,
    status: input.status ?? 200,
    latency_ms: input.latency,
    ttft_ms: input.ttft ?? null,
    streamed: 0,
  };
  return { row };
}

describe('percentiles', () => {
  it('uses nearest rank: each percentile is an observed value', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, shuffled order
    expect(percentiles(values)).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(percentiles([7])).toEqual({ p50: 7, p95: 7, p99: 7 });
    // 1..10: p50 = ceil(5) → 5th value; p95 = ceil(9.5) → 10th; p99 → 10th.
    expect(percentiles([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ p50: 5, p95: 10, p99: 10 });
  });
});

describe('TelemetryWindow', () => {
  it('reports p50/p95/p99 latency and TTFT per provider and model inside the window only', () => {
    let now = 1_000_000_000;
    const window = new TelemetryWindow(1000, () => now);
    const batch = [];
    // openai/gpt-4.1: latencies 1..100 ms, TTFT = latency / 2; anthropic: 200 ms each, no TTFT.
    for (let i = 1; i <= 100; i += 1) {
      batch.push(logged({ at: now - minute, provider: 'openai', model: 'gpt-4.1', latency: i, ttft: i / 2 }));
    }
    for (let i = 0; i < 10; i += 1)
      batch.push(logged({ at: now - minute, provider: 'anthropic', model: 'c', latency: 200 }));
    // Outside a 60-minute window, and a failure: neither counts.
    batch.push(logged({ at: now - 61 * minute, provider: 'openai', model: 'gpt-4.1', latency: 99_999 }));
    batch.push(logged({ at: now - minute, provider: 'openai', model: 'gpt-4.1', latency: 88_888, status: 502 }));
    window.record(batch);

    const summary = window.summary(60);
    expect(summary.samples).toBe(110);
    expect(summary.providers.map((group) => group.name)).toEqual(['anthropic', 'openai']);
    const openai = summary.providers.find((group) => group.name === 'openai');
    expect(openai).toMatchObject({ requests: 100, latencyMs: { p50: 50, p95: 95, p99: 99 } });
    expect(openai?.ttftMs).toEqual({ p50: 25, p95: 47.5, p99: 49.5 });
    expect(summary.models.find((group) => group.name === 'anthropic/c')).toMatchObject({
      requests: 10,
      latencyMs: { p50: 200, p95: 200, p99: 200 },
      ttftMs: null,
    });
    // The window rolls: two hours later nothing is left in a 60-minute window, but a wider one still sees it.
    now += 2 * 60 * minute;
    expect(window.summary(60).samples).toBe(0);
    expect(window.summary(240).samples).toBe(111);
  });

  it('keeps memory bounded: the oldest samples make room for new ones', () => {
    const window = new TelemetryWindow(50, () => 10_000_000);
    for (let i = 0; i < 200; i += 1) {
      window.add({ at: 9_000_000 + i, provider: 'p', model: 'm', latencyMs: i, ttftMs: -1 });
    }
    const summary = window.summary(60);
    expect(summary.samples).toBe(50);
    expect(summary.providers[0]?.latencyMs.p50).toBe(174);
    expect(summary.oldestSampleAt).toBe(9_000_150);
  });
});
