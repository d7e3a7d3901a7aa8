import type { Usage } from '../core/canonical.js';
import type { GatewayError } from '../core/errors.js';
import type { NewRequestLogRow } from '../storage/repositories/request-logs-repository.js';

/** Collects what one client request did, success or failure, into exactly one request-log row. */
export class RequestLogEntry {
  readonly startedAt = Date.now();
  private readonly startedHr = process.hrtime.bigint();
  private firstByteMs: number | undefined;
  modelRequested: string | undefined;
  provider: string | undefined;
  model: string | undefined;
  connectionId: string | undefined;
  combo: string | undefined;
  attempts = 0;
  streamed = false;
  status = 200;
  usage: Usage | undefined;
  error: string | undefined;

  constructor(
    readonly requestId: string,
    private readonly route: string,
    private readonly clientFormat: string,
    private readonly apiKeyId: string | undefined,
  ) {}

  markFirstByte(): void {
    this.firstByteMs ??= this.elapsedMs();
  }

  fail(error: GatewayError): void {
    this.status = error.status;
    this.error = `${error.code}: ${error.message}`.slice(0, 1000);
  }

  toRow(): NewRequestLogRow {
    const usage = this.usage;
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
      latency_ms: Math.round(this.elapsedMs()),
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
    };
  }

  elapsedMs(): number {
    return Number(process.hrtime.bigint() - this.startedHr) / 1e6;
  }
}
