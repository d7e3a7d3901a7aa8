/** One row of `GET /api/usage/request-logs` (snake_case: the API returns the stored columns). */
export interface RequestLog {
  id: number;
  request_id: string;
  created_at: number;
  route: string;
  client_format: string;
  model_requested: string | null;
  provider: string | null;
  model: string | null;
  connection_id: string | null;
  api_key_id: string | null;
  status: number;
  latency_ms: number | null;
  ttft_ms: number | null;
  upstream_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  reasoning_tokens: number | null;
  streamed: number;
  error: string | null;
  combo: string | null;
  attempts: number;
  cache_status: string | null;
  cost_usd: number | null;
  priced: boolean | null;
}

export interface RequestLogDetail extends RequestLog {
  request_body: string | null;
  response_body: string | null;
  bodies_truncated: boolean | null;
}

export interface RequestLogPage {
  logs: RequestLog[];
  nextCursor: number | null;
}
