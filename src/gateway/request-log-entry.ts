import type { Usage } from '../core/canonical.js';
import type { GatewayError } from '../core/errors.js';
import type { ModelPricing } from '../providers/catalog/types.js';
import type { NewRequestLogRow } from '../storage/repositories/request-logs-repository.js';
import { type Cost, computeCost, toNanoUsd } from '../usage/compute-cost.js';

/** Collects what one client request did, success or failure, into exactly one request-log row. */
export class RequestLogEntry {
  readonly startedAt = Date.now();
  private readonly startedHr = process.hrtime.bigint();
  private firstByteMs: number | undefined;
  /** Upstream time of finished calls, and the start of the one in progress (hrtime ns). */
  private upstreamNs = 0n;
  private upstreamStartedHr: bigint | undefined;
  modelRequested: string | undefined;
  provider: string | undefined;
  model: string | undefined;
  connectionId: string | undefined;
  combo: string | undefined;
  attempts = 0;
  streamed = false;
  status = 200;
  usage: Usage | undefined;
  /** Prices of the model that served (the routing snapshot's, so user overrides apply). */
  pricing: ModelPricing | undefined;
  error: string | undefined;
  /** How the response cache treated the request ('hit', 'miss', 'bypass', 'idempotent'); undefined: not looked up. */
  cacheStatus: string | undefined;
  /** A reused answer's original cost (cache hit, idempotent repeat), in nano-USD. */
  costSavedNano: number | undefined;
  /** Set by `toRow`: total time minus upstream time, unrounded (the gateway's own share is often below 1 ms). */
  gatewayMs: number | undefined;

  constructor(
    readonly requestId: string,
    private readonly route: string,
    private readonly clientFormat: string,
    private readonly apiKeyId: string | undefined,
  ) {}

  markFirstByte(): void {
    this.firstByteMs ??= this.elapsedMs();
  }

  /** An upstream call starts; a call left open by a failed attempt is closed here (its time was upstream time). */
  upstreamBegin(): void {
    this.upstreamEnd();
    this.upstreamStartedHr = process.hrtime.bigint();
  }

  /** The upstream answer is complete (body read, or stream ended or failed). */
  upstreamEnd(): void {
    if (this.upstreamStartedHr === undefined) return;
    this.upstreamNs += process.hrtime.bigint() - this.upstreamStartedHr;
    this.upstreamStartedHr = undefined;
  }

  /** The request's cost from its usage and prices (computed when asked: the usage may still grow in a stream). */
  get cost(): Cost {
    // A reused answer (cache hit, idempotent repeat) called no upstream: it is known to cost nothing.
    if (this.costSavedNano !== undefined) return { usd: 0, priced: true };
    return computeCost(this.usage, this.pricing);
  }

  fail(error: GatewayError): void {
    this.status = error.status;
    this.error = `${error.code}: ${error.message}`.slice(0, 1000);
  }

  toRow(): NewRequestLogRow {
    const usage = this.usage;
    const cost = this.cost;
    this.upstreamEnd();
    const elapsedMs = this.elapsedMs();
    const calledUpstream = this.upstreamNs > 0n;
    const upstreamMs = Number(this.upstreamNs) / 1e6;
    this.gatewayMs = calledUpstream ? Math.max(0, elapsedMs - upstreamMs) : undefined;
    return {
      request_id: this.requestId,
      created_at: this.startedAt,
      route: this.route,
      client_format: this.clientFormat,
      model_requested: this.modelRequested ?? null,
      provider: this.provider ?? null,
      model: this.model ?? null,
      connection_id: this.connectionId ?? null,
      api_key_id: this.apiKeyId ?? null,
      status: this.status,
      latency_ms: Math.round(elapsedMs),
      ttft_ms: this.firstByteMs === undefined ? null : Math.round(this.firstByteMs),
      input_tokens: usage?.inputTokens ?? null,
      output_tokens: usage?.outputTokens ?? null,
      cached_tokens: usage?.cachedInputTokens ?? null,
      cache_write_tokens: usage?.cacheWriteTokens ?? null,
      reasoning_tokens: usage?.reasoningTokens ?? null,
      streamed: this.streamed ? 1 : 0,
      error: this.error ?? null,
      combo: this.combo ?? null,
      attempts: this.attempts,
      cost_nano_usd: toNanoUsd(cost.usd),
      priced: cost.priced ? 1 : 0,
      upstream_ms: calledUpstream ? Math.round(upstreamMs) : null,
      audio_ms: usage?.audioSeconds === undefined ? null : Math.round(usage.audioSeconds * 1000),
      cache_status: this.cacheStatus ?? null,
      cost_saved_nano_usd: this.costSavedNano ?? null,
    };
  }

  elapsedMs(): number {
    return Number(process.hrtime.bigint() - this.startedHr) / 1e6;
  }
}
