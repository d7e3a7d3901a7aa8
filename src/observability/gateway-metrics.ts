import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import type { BreakerState } from '../routing/resilience/circuit-breakers.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { LoggedRequest } from '../usage/request-log-writer.js';

/** Distinct `provider/model` label pairs kept before new ones are folded into model="other". */
const maxModelSeries = 500;

const breakerValue: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * Prometheus metrics of the gateway. Request metrics are fed in batches by the request-log writer (never on the
 * request path); state gauges (breakers, queues, cooldowns) are read when scraped. Labels are bounded: provider,
 * model (capped at `maxModelSeries` pairs, since a client can send any model string), status class. Never request
 * ids or key ids.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly models = new Set<string>();
  private readonly requests: Counter<'provider' | 'model' | 'status_class'>;
  private readonly errors: Counter<'provider' | 'model' | 'status_class'>;
  private readonly tokens: Counter<'provider' | 'model' | 'type'>;
  private readonly cost: Counter<'provider' | 'model'>;
  private readonly unpriced: Counter<'provider' | 'model'>;
  private readonly attempts: Counter<'provider' | 'model'>;
  private readonly fallbacks: Counter<'provider' | 'model'>;
  private readonly latency: Histogram<'provider' | 'model'>;
  private readonly ttft: Histogram<'provider' | 'model'>;
  private readonly overhead: Histogram<'streamed'>;
  private readonly breakers: Gauge<'provider'>;
  private readonly queued: Gauge<'provider' | 'connection'>;
  private readonly inFlight: Gauge<'provider' | 'connection'>;
  private readonly cooling: Gauge<'provider'>;
  private readonly cacheHits: Counter<'kind'>;
  private readonly cacheMisses: Counter;

  constructor(
    private readonly runtime: RoutingRuntime,
    private readonly snapshot: () => ConfigSnapshot,
  ) {
    const registers = [this.registry];
    const byModel = ['provider', 'model'] as const;
    this.requests = new Counter({
      name: 'omniroute_requests_total',
      help: 'Client requests answered, by the provider and model that served (or last failed) and status class.',
      labelNames: [...byModel, 'status_class'],
      registers,
    });
    this.errors = new Counter({
      name: 'omniroute_request_errors_total',
      help: 'Client requests answered with a status of 400 or more.',
      labelNames: [...byModel, 'status_class'],
      registers,
    });
    this.tokens = new Counter({
      name: 'omniroute_tokens_total',
      help: 'Tokens reported by upstreams. type: input (whole prompt), output (reasoning included), cached_input, cache_write, reasoning.',
      labelNames: [...byModel, 'type'],
      registers,
    });
    this.cost = new Counter({
      name: 'omniroute_cost_usd_total',
      help: 'Cost in USD computed from usage and the price table.',
      labelNames: byModel,
      registers,
    });
    this.unpriced = new Counter({
      name: 'omniroute_unpriced_requests_total',
      help: 'Successful requests without a known cost (no price for the model, or no usage reported).',
      labelNames: byModel,
      registers,
    });
    this.attempts = new Counter({
      name: 'omniroute_upstream_attempts_total',
      help: 'Upstream calls made (one per account and target tried).',
      labelNames: byModel,
      registers,
    });
    this.fallbacks = new Counter({
      name: 'omniroute_fallbacks_total',
      help: 'Attempts beyond the first: how often an account or target had to stand in for another.',
      labelNames: byModel,
      registers,
    });
    this.latency = new Histogram({
      name: 'omniroute_request_duration_seconds',
      help: 'Total time to answer a client request.',
      labelNames: byModel,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.ttft = new Histogram({
      name: 'omniroute_time_to_first_token_seconds',
      help: 'Time until the first byte of the answer reached the client.',
      labelNames: byModel,
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
    this.overhead = new Histogram({
      name: 'omniroute_gateway_overhead_seconds',
      help: "The gateway's own share of a request: total time minus time spent waiting on upstreams.",
      labelNames: ['streamed'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers,
    });
    this.breakers = new Gauge({
      name: 'omniroute_circuit_breaker_state',
      help: 'Provider circuit breaker: 0 closed, 1 half-open, 2 open.',
      labelNames: ['provider'],
      registers,
    });
    this.queued = new Gauge({
      name: 'omniroute_connection_queue_depth',
      help: 'Requests waiting for a slot on an account (connection).',
      labelNames: ['provider', 'connection'],
      registers,
    });
    this.inFlight = new Gauge({
      name: 'omniroute_connection_in_flight',
      help: 'Requests running on an account (connection).',
      labelNames: ['provider', 'connection'],
      registers,
    });
    this.cooling = new Gauge({
      name: 'omniroute_connections_cooling_down',
      help: 'Accounts of a provider parked by a cooldown right now.',
      labelNames: ['provider'],
      registers,
    });
    this.cacheHits = new Counter({
      name: 'omniroute_cache_hits_total',
      help: 'Requests answered without an upstream call. kind: response (response cache hit) or idempotent (a repeat).',
      labelNames: ['kind'],
      registers,
    });
    this.cacheMisses = new Counter({
      name: 'omniroute_cache_misses_total',
      help: 'Cacheable requests (temperature 0) the response cache had no answer for.',
      registers,
    });
  }

  /** Subscriber for RequestLogWriter: runs once per flushed batch. */
  readonly record = (batch: readonly LoggedRequest[]): void => {
    for (const { row, gatewayMs } of batch) {
      const provider = row.provider ?? 'none';
      const labels = { provider, model: this.modelLabel(provider, row.model) };
      const statusClass = `${Math.floor(row.status / 100)}xx`;
      this.requests.inc({ ...labels, status_class: statusClass });
      if (row.status >= 400) this.errors.inc({ ...labels, status_class: statusClass });
      this.addTokens(labels, 'input', row.input_tokens);
      this.addTokens(labels, 'output', row.output_tokens);
      this.addTokens(labels, 'cached_input', row.cached_tokens);
      this.addTokens(labels, 'cache_write', row.cache_write_tokens);
      this.addTokens(labels, 'reasoning', row.reasoning_tokens);
      if (row.cost_nano_usd != null && row.cost_nano_usd > 0) this.cost.inc(labels, row.cost_nano_usd / 1e9);
      if (row.status < 400 && row.priced !== 1) this.unpriced.inc(labels);
      const attempts = row.attempts ?? 0;
      if (attempts > 0) this.attempts.inc(labels, attempts);
      if (attempts > 1) this.fallbacks.inc(labels, attempts - 1);
      this.latency.observe(labels, row.latency_ms / 1000);
      if (row.ttft_ms != null) this.ttft.observe(labels, row.ttft_ms / 1000);
      if (gatewayMs !== undefined)
        this.overhead.observe({ streamed: row.streamed ? 'true' : 'false' }, gatewayMs / 1000);
      if (row.cache_status === 'hit') this.cacheHits.inc({ kind: 'response' });
      else if (row.cache_status === 'idempotent') this.cacheHits.inc({ kind: 'idempotent' });
      else if (row.cache_status === 'miss') this.cacheMisses.inc();
    }
  };

  /**
   * `omniroute_backend_up{backend}`: 1 when a backend the gateway depends on answers (the database; Redis when
   * configured), 0 when not. Checked when scraped, so an outage shows without any traffic.
   */
  watchBackends(check: () => Promise<Record<string, boolean>>): void {
    new Gauge({
      name: 'omniroute_backend_up',
      help: 'Whether a backend answers: 1 up, 0 down. backend: sqlite or postgres (storage), redis (shared state).',
      labelNames: ['backend'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [backend, up] of Object.entries(await check())) this.set({ backend }, up ? 1 : 0);
      },
    });
  }

  /** The exposition text; state gauges are refreshed from the live routing state first. */
  async render(): Promise<{ contentType: string; body: string }> {
    this.refreshState();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private refreshState(): void {
    const snapshot = this.snapshot();
    this.breakers.reset();
    this.cooling.reset();
    this.queued.reset();
    this.inFlight.reset();
    // Every provider with an account reports its breaker, so a closed one reads 0 rather than going missing.
    for (const provider of snapshot.activeConnections.keys()) this.breakers.set({ provider }, 0);
    for (const status of this.runtime.breakers.list()) {
      this.breakers.set({ provider: status.provider }, breakerValue[status.state]);
    }
    const connections = new Map([...snapshot.activeConnections.values()].flat().map((c) => [c.id, c]));
    const coolingByProvider = new Map<string, number>();
    for (const cooldown of this.runtime.cooldowns.list()) {
      const provider = connections.get(cooldown.connectionId)?.provider ?? 'unknown';
      coolingByProvider.set(provider, (coolingByProvider.get(provider) ?? 0) + 1);
    }
    for (const [provider, count] of coolingByProvider) this.cooling.set({ provider }, count);
    for (const lane of this.runtime.limiter.stats()) {
      const connection = connections.get(lane.connectionId);
      const labels = { provider: connection?.provider ?? 'unknown', connection: connection?.name ?? lane.connectionId };
      this.queued.set(labels, lane.queued);
      this.inFlight.set(labels, lane.active);
    }
  }

  private addTokens(labels: { provider: string; model: string }, type: string, count: number | null | undefined): void {
    if (count != null && count > 0) this.tokens.inc({ ...labels, type }, count);
  }

  private modelLabel(provider: string, model: string | null | undefined): string {
    if (model == null) return 'none';
    const key = `${provider}/${model}`;
    if (this.models.has(key)) return model;
    if (this.models.size >= maxModelSeries) return 'other';
    this.models.add(key);
    return model;
  }
}
