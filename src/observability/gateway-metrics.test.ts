import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../../test/helpers/parse-prometheus.js';
import { providerCatalog } from '../providers/catalog/index.js';
import { buildConfigSnapshot } from '../routing/config-snapshot.js';
import { RoutingRuntime } from '../routing/routing-runtime.js';
import type { NewRequestLogRow } from '../storage/repositories/request-logs-repository.js';
import { GatewayMetrics } from './gateway-metrics.js';

const connection = {
  id: 'c1',
  provider: 'openai',
  name: 'work',
  authType: 'api-key' as const,
  apiKey: 'sk-x',
  baseUrl: null,
  priority: 1,
  isActive: true,
  createdAt: 0,
  updatedAt: 0,
};
const snapshot = buildConfigSnapshot({ catalog: providerCatalog, nodes: [], connections: [connection] });

function row(overrides: Partial<NewRequestLogRow>): NewRequestLogRow {
  return {
    request_id: 'r',
    created_at: 0,
    route: '/v1/chat/completions',
    client_format: 'openai',
    provider: 'openai',
    model: 'gpt-4.1',
    connection_id: 'c1',
    status: 200,
    latency_ms: 300,
    ttft_ms: 120,
    input_tokens: 1000,
    output_tokens: 500,
    cached_tokens: 600,
    streamed: 0,
    attempts: 1,
    cost_nano_usd: 5_100_000,
    priced: 1,
    ...overrides,
  };
}

describe('GatewayMetrics', () => {
  it('renders valid Prometheus text with request, token, cost, latency, fallback and state metrics', async () => {
    const runtime = new RoutingRuntime();
    const metrics = new GatewayMetrics(runtime, () => snapshot);
    metrics.record([
      { row: row({}), gatewayMs: 0.4 },
      { row: row({ status: 429, attempts: 3, input_tokens: null, output_tokens: null, cost_nano_usd: 0, priced: 0 }) },
      { row: row({ provider: null, model: null, status: 404, attempts: 0, ttft_ms: null }) },
      { row: row({ model: 'weird "model"\nname', priced: 0, cost_nano_usd: 0, streamed: 1 }), gatewayMs: 2 },
    ]);
    runtime.breakers.configure({ failureThreshold: 1, resetMs: 60_000 });
    runtime.breakers.recordFailure('openai');
    runtime.cooldowns.recordFailure('c1', { reason: 'rate_limited', retryAfterMs: 30_000 });

    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusText(body);
    const gpt = { provider: 'openai', model: 'gpt-4.1' };
    expect(sampleValue(families, 'omniroute_requests_total', { ...gpt, status_class: '2xx' })).toBe(1);
    expect(sampleValue(families, 'omniroute_requests_total', { ...gpt, status_class: '4xx' })).toBe(1);
    expect(sampleValue(families, 'omniroute_request_errors_total', { provider: 'none', model: 'none' })).toBe(1);
    expect(sampleValue(families, 'omniroute_tokens_total', { ...gpt, type: 'input' })).toBe(1000);
    expect(sampleValue(families, 'omniroute_tokens_total', { ...gpt, type: 'cached_input' })).toBe(1200);
    expect(sampleValue(families, 'omniroute_cost_usd_total', gpt)).toBeCloseTo(0.0051, 12);
    expect(sampleValue(families, 'omniroute_upstream_attempts_total', gpt)).toBe(4);
    expect(sampleValue(families, 'omniroute_fallbacks_total', gpt)).toBe(2);
    expect(sampleValue(families, 'omniroute_request_duration_seconds_count', gpt)).toBe(2);
    expect(sampleValue(families, 'omniroute_request_duration_seconds_bucket', { ...gpt, le: '0.5' })).toBe(2);
    expect(sampleValue(families, 'omniroute_time_to_first_token_seconds_sum', gpt)).toBeCloseTo(0.24, 9);
    expect(
      sampleValue(families, 'omniroute_gateway_overhead_seconds_bucket', { streamed: 'false', le: '0.0005' }),
    ).toBe(1);
    expect(sampleValue(families, 'omniroute_gateway_overhead_seconds_count', { streamed: 'true' })).toBe(1);
    expect(sampleValue(families, 'omniroute_unpriced_requests_total', { provider: 'openai' })).toBe(1);
    expect(sampleValue(families, 'omniroute_circuit_breaker_state', { provider: 'openai' })).toBe(2);
    expect(sampleValue(families, 'omniroute_connections_cooling_down', { provider: 'openai' })).toBe(1);
    // Label values are escaped, never breaking the format.
    expect(sampleValue(families, 'omniroute_requests_total', { model: 'weird "model"\nname' })).toBe(1);
  });

  it('reports queue depth and in-flight requests per account from the limiter', async () => {
    const runtime = new RoutingRuntime();
    runtime.limiter.configure({ maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 10_000 });
    const metrics = new GatewayMetrics(runtime, () => snapshot);
    const release = await runtime.limiter.acquire('c1');
    const waiting = [runtime.limiter.acquire('c1'), runtime.limiter.acquire('c1')];
    const families = parsePrometheusText((await metrics.render()).body);
    const labels = { provider: 'openai', connection: 'work' };
    expect(sampleValue(families, 'omniroute_connection_in_flight', labels)).toBe(1);
    expect(sampleValue(families, 'omniroute_connection_queue_depth', labels)).toBe(2);
    expect(sampleValue(families, 'omniroute_circuit_breaker_state', { provider: 'openai' })).toBe(0);
    release();
    for (const next of waiting) (await next)();
  });

  it('caps model label values so arbitrary model strings cannot explode the series count', async () => {
    const metrics = new GatewayMetrics(new RoutingRuntime(), () => snapshot);
    metrics.record(Array.from({ length: 600 }, (_, i) => ({ row: row({ model: `random-${i}` }) })));
    const families = parsePrometheusText((await metrics.render()).body);
    const series = families.get('omniroute_requests_total')?.samples ?? [];
    expect(series.length).toBe(501);
    expect(sampleValue(families, 'omniroute_requests_total', { model: 'other' })).toBe(100);
  });

  it('reports each backend as up or down when scraped', async () => {
    const metrics = new GatewayMetrics(new RoutingRuntime(), () => snapshot);
    let redisUp = true;
    metrics.watchBackends(async () => ({ postgres: true, redis: redisUp }));
    let families = parsePrometheusText((await metrics.render()).body);
    expect(sampleValue(families, 'omniroute_backend_up', { backend: 'redis' })).toBe(1);
    redisUp = false;
    families = parsePrometheusText((await metrics.render()).body);
    expect(sampleValue(families, 'omniroute_backend_up', { backend: 'redis' })).toBe(0);
    expect(sampleValue(families, 'omniroute_backend_up', { backend: 'postgres' })).toBe(1);
  });
});
