import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, jsonOf, startHarness } from '../helpers/gateway-harness.js';
import { parsePrometheusText, sampleValue } from '../helpers/parse-prometheus.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

let mock: MockUpstream;
let harness: GatewayHarness;
let openaiConnection: { id: string };

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  openaiConnection = await harness.connect({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` });
  await harness.connect({ provider: 'anthropic', apiKey: 'sk-ant', baseUrl: `${mock.url}/v1` });
  await harness.connect({ provider: 'perplexity', apiKey: 'pplx', baseUrl: `${mock.url}/v1` });
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});

const chat = (body: Record<string, unknown>) =>
  fetch(`${harness.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const user = (content: string) => [{ role: 'user', content }];

/** The request-log row of one answer, found by the request id it was answered with. */
async function logOf(response: Response): Promise<any> {
  const id = response.headers.get('x-omniroute-request-id');
  const { status, body } = await harness.manage('GET', `/api/usage/request-logs/${id}`);
  expect(status).toBe(200);
  return body;
}

// Expected costs are hand-computed from the mock's deterministic usage (test/mock-upstream/README.md) and the
// catalog's prices in USD per million tokens, term by term.
describe('cost of each usage shape, end to end', () => {
  it('plain: gpt-4.1, 3 in × $2 + 6 out × $8 = 54 → $0.000054, with the usage headers', async () => {
    const response = await chat({ model: 'openai/gpt-4.1', messages: user('Hello there') });
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 6 });
    expect(response.headers.get('x-omniroute-cost')).toBe('0.0000540000');
    expect(response.headers.get('x-omniroute-priced')).toBe('true');
    expect(response.headers.get('x-omniroute-tokens-in')).toBe('3');
    expect(response.headers.get('x-omniroute-tokens-out')).toBe('6');
    expect(response.headers.get('x-omniroute-provider')).toBe('openai');
    expect(response.headers.get('x-omniroute-model')).toBe('gpt-4.1');
    expect(Number(response.headers.get('x-omniroute-latency-ms'))).toBeGreaterThanOrEqual(0);
    expect(await logOf(response)).toMatchObject({ cost_usd: 0.000054, priced: true, input_tokens: 3 });
  });

  it('cached: 11 in of which 8 cached → 3 × $2 + 8 × $0.5 + 9 out × $8 = 82 → $0.000082', async () => {
    const response = await chat({
      model: 'openai/gpt-4.1',
      messages: user('[[mock:cached=8]] Summarise caching for me'),
    });
    expect(response.headers.get('x-omniroute-cost')).toBe('0.0000820000');
    expect(await logOf(response)).toMatchObject({ cost_usd: 0.000082, cached_tokens: 8, output_tokens: 9 });
  });

  it('reasoning priced apart: 3 in × $2 + (11 − 5) out × $8 + 5 reasoning × $3 = 69 → $0.000069', async () => {
    const response = await chat({
      model: 'perplexity/sonar-deep-research',
      reasoning_effort: 'high',
      messages: user('Think hard'),
    });
    expect((await jsonOf(response)).usage.completion_tokens_details.reasoning_tokens).toBe(5);
    expect(response.headers.get('x-omniroute-cost')).toBe('0.0000690000');
    expect(await logOf(response)).toMatchObject({ cost_usd: 0.000069, reasoning_tokens: 5 });
  });

  it('Anthropic cache read (pass-through): 6 + 4 cached in, 9 out → 6 × $3 + 4 × $0.3 + 9 × $15 = 154.2', async () => {
    const response = await fetch(`${harness.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'anthropic/claude-sonnet-4-5',
        max_tokens: 100,
        messages: user('[[mock:cached=4]] Cache me now please'),
      }),
    });
    expect(response.headers.get('x-omniroute-cost')).toBe('0.0001542000');
    expect(response.headers.get('x-omniroute-tokens-in')).toBe('10');
  });

  it('Anthropic cache write (translated): 100 + 300 read + 1200 written in, 100 out → $0.00639', async () => {
    // 100 × $3 + 300 × $0.3 + 1200 × $3.75 + 100 × $15 = 300 + 90 + 4500 + 1500 = 6390 per million.
    mock.enqueueFault(
      {
        body: {
          id: 'msg_fixed',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [{ type: 'text', text: 'cached answer' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: {
            input_tokens: 100,
            cache_read_input_tokens: 300,
            cache_creation_input_tokens: 1200,
            output_tokens: 100,
          },
        },
      },
      { path: '/v1/messages' },
    );
    const response = await chat({ model: 'anthropic/claude-sonnet-4-5', messages: user('write the cache') });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-omniroute-cost')).toBe('0.0063900000');
    expect(await logOf(response)).toMatchObject({ cost_usd: 0.00639, cache_write_tokens: 1200, input_tokens: 1600 });
  });

  it('stream usage: OpenAI pass-through and Anthropic translated streams are costed from their usage events', async () => {
    const openai = await chat({ model: 'openai/gpt-4.1', stream: true, messages: user('Hello there') });
    await openai.text();
    expect(openai.headers.get('x-omniroute-provider')).toBe('openai');
    expect(openai.headers.get('x-omniroute-cost')).toBeNull();
    expect(await logOf(openai)).toMatchObject({ streamed: 1, cost_usd: 0.000054, priced: true });

    const anthropic = await chat({
      model: 'anthropic/claude-sonnet-4-5',
      stream: true,
      messages: user('[[mock:cached=4]] Cache me now please'),
    });
    await anthropic.text();
    expect(await logOf(anthropic)).toMatchObject({ streamed: 1, cost_usd: 0.0001542, cached_tokens: 4 });
  });

  it('an unpriced model costs 0 and is marked unpriced, not silently free', async () => {
    const response = await chat({ model: 'openai/my-private-finetune', messages: user('Hello there') });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-omniroute-cost')).toBe('0.0000000000');
    expect(response.headers.get('x-omniroute-priced')).toBe('false');
    expect(await logOf(response)).toMatchObject({ cost_usd: 0, priced: false });
  });

  it('a user price override (PUT /api/pricing) applies to the next request', async () => {
    const put = await harness.manage('PUT', '/api/pricing', {
      provider: 'openai',
      model: 'gpt-4.1-mini',
      pricing: { input: 1000, output: 0 },
    });
    expect(put.status).toBeLessThan(300);
    // 3 in × $1000 = 3000 per million → $0.003
    const response = await chat({ model: 'openai/gpt-4.1-mini', messages: user('Hello there') });
    expect(response.headers.get('x-omniroute-cost')).toBe('0.0030000000');
  });

  it('error answers carry no cost headers', async () => {
    const response = await chat({ model: 'openai/gpt-4.1', messages: user('[[mock:status=500]] fail') });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-omniroute-cost')).toBeNull();
    // The 500 parked the account briefly; later tests expect it clean.
    await harness.manage('POST', '/api/resilience/reset', {});
  });
});

describe('management access to the usage routes', () => {
  it('answers 401 without credentials and 403 to a client-only key', async () => {
    const { body: key } = await harness.manage('POST', '/api/keys', { name: 'usage-client' });
    const routes: Array<[string, string]> = [
      ['GET', '/api/usage/history'],
      ['GET', '/api/usage/logs'],
      ['GET', '/api/usage/request-logs/1'],
      ['GET', `/api/usage/${openaiConnection.id}`],
      ['POST', '/api/usage/purge'],
      ['GET', '/api/telemetry/summary'],
      ['GET', '/api/models/availability'],
      ['POST', '/api/models/availability'],
      ['GET', '/metrics'],
    ];
    for (const [method, path] of routes) {
      const init = {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      };
      expect((await fetch(`${harness.url}${path}`, init)).status, path).toBe(401);
      const withKey = { ...init, headers: { ...init.headers, authorization: `Bearer ${key.key}` } };
      expect((await fetch(`${harness.url}${path}`, withKey)).status, path).toBe(403);
    }
  });
});

describe('usage history and logs', () => {
  it('groups history by model with the logged costs, and validates its query', async () => {
    const { status, body } = await harness.manage('GET', '/api/usage/history?bucket=day&groupBy=model');
    expect(status).toBe(200);
    const gpt = body.buckets.filter((bucket: any) => bucket.group === 'openai/gpt-4.1');
    const { body: logs } = await harness.manage('GET', '/api/usage/logs?model=gpt-4.1&limit=500');
    const served = logs.logs.filter((row: any) => row.provider === 'openai' && row.model === 'gpt-4.1');
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(sum(gpt.map((bucket: any) => bucket.requests))).toBe(served.length);
    expect(sum(gpt.map((bucket: any) => bucket.costUsd))).toBeCloseTo(sum(served.map((row: any) => row.cost_usd)), 12);
    expect(sum(gpt.map((bucket: any) => bucket.errors))).toBe(1);
    expect(body.totals.requests).toBeGreaterThanOrEqual(served.length);

    const badBucket = await harness.manage('GET', '/api/usage/history?bucket=week');
    expect(badBucket.status).toBe(400);
    expect(badBucket.body.error.param).toBe('bucket');
    const backwards = await harness.manage('GET', '/api/usage/history?from=2025-02-01&to=2025-01-01');
    expect(backwards.body.error.param).toBe('from');
    const tooMany = await harness.manage('GET', '/api/usage/history?from=0&bucket=hour');
    expect(tooMany.status).toBe(400);
  });

  it('filters logs by provider and status class, pages with the cursor, and names a bad filter', async () => {
    const { body: errors } = await harness.manage('GET', '/api/usage/request-logs?status=5xx');
    expect(errors.logs.length).toBeGreaterThan(0);
    expect(errors.logs.every((row: any) => row.status >= 500)).toBe(true);
    const first = await harness.manage('GET', '/api/usage/request-logs?provider=openai&status=success&limit=2');
    expect(first.body.logs).toHaveLength(2);
    const second = await harness.manage(
      'GET',
      `/api/usage/request-logs?provider=openai&status=success&limit=2&before=${first.body.nextCursor}`,
    );
    expect(second.body.logs[0].id).toBeLessThan(first.body.logs[1].id);
    const bad = await harness.manage('GET', '/api/usage/logs?status=teapot');
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('status');
    expect((await harness.manage('GET', '/api/usage/request-logs/999999')).status).toBe(404);
  });

  it('reports one account: totals and recent history; 404 for an unknown one', async () => {
    const { status, body } = await harness.manage('GET', `/api/usage/${openaiConnection.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ connectionId: openaiConnection.id, provider: 'openai', cooldown: null });
    expect(body.queue).toEqual({ active: 0, queued: 0 });
    expect(body.totals.requests).toBeGreaterThan(3);
    expect(body.totals.costUsd).toBeGreaterThan(0);
    expect(body.history.length).toBeGreaterThan(0);
    expect((await harness.manage('GET', '/api/usage/not-a-connection')).status).toBe(404);
  });

  it('stores redacted bodies when detailed logging is on', async () => {
    const patch = await harness.manage('PATCH', '/api/settings', { requestLogs: { detailed: true } });
    expect(patch.body.requestLogs).toEqual({ detailed: true, maxBodyBytes: 65536, retentionDays: 30 });
    const secret = 'sk-live-abcdefghijklmnopqrstuvwxyz';
    const response = await chat({ model: 'openai/gpt-4.1', messages: user(`my key is ${secret}`), api_key: 'x' });
    const row = await logOf(response);
    expect(row.request_body).toContain('[redacted]');
    expect(row.request_body).not.toContain(secret);
    expect(JSON.parse(row.request_body).api_key).toBe('[redacted]');
    expect(JSON.parse(row.response_body).object).toBe('chat.completion');
    expect(row.bodies_truncated).toBe(false);

    const stream = await chat({ model: 'openai/gpt-4.1', stream: true, messages: user('stream me') });
    await stream.text();
    expect((await logOf(stream)).response_body).toContain('data: ');
    const invalid = await harness.manage('PATCH', '/api/settings', { requestLogs: { maxBodyBytes: 1 } });
    expect(invalid.status).toBe(400);
    await harness.manage('PATCH', '/api/settings', { requestLogs: { detailed: false } });
    const plain = await chat({ model: 'openai/gpt-4.1', messages: user('not stored') });
    expect((await logOf(plain)).request_body).toBeNull();
  });
});

describe('telemetry, availability and metrics', () => {
  it('summarizes latency and TTFT percentiles per provider and model', async () => {
    const { status, body } = await harness.manage('GET', '/api/telemetry/summary?windowMinutes=60');
    expect(status).toBe(200);
    const openai = body.providers.find((group: any) => group.name === 'openai');
    expect(openai.requests).toBeGreaterThan(3);
    expect(openai.latencyMs.p50).toBeLessThanOrEqual(openai.latencyMs.p95);
    expect(openai.latencyMs.p95).toBeLessThanOrEqual(openai.latencyMs.p99);
    expect(openai.ttftMs.p50).toBeGreaterThanOrEqual(0);
    expect(body.models.some((group: any) => group.name === 'openai/gpt-4.1')).toBe(true);
    const bad = await harness.manage('GET', '/api/telemetry/summary?windowMinutes=0');
    expect(bad.body.error.param).toBe('windowMinutes');
  });

  it('explains a model cooled down by a 429 with Retry-After', async () => {
    const groq = await harness.connect({ provider: 'groq', name: 'free', apiKey: 'gsk', baseUrl: `${mock.url}/v1` });
    mock.enqueueFault(
      { status: 429, retryAfter: 120 },
      { path: '/v1/chat/completions', model: 'llama-3.3-70b-versatile' },
    );
    const failed = await chat({ model: 'groq/llama-3.3-70b-versatile', messages: user('hi') });
    expect(failed.status).toBe(429);

    const { body } = await harness.manage('POST', '/api/models/availability', {
      models: ['groq/llama-3.3-70b-versatile', 'openai/gpt-4.1', 'nope/nothing'],
    });
    const [cooled, fine, unknown] = body.models;
    expect(cooled).toMatchObject({ model: 'groq/llama-3.3-70b-versatile', available: false });
    expect(cooled.reasons[0].code).toBe('no_account_available');
    expect(cooled.accounts).toEqual([
      {
        connectionId: groq.id,
        name: 'free',
        available: false,
        reason: 'cooling_down (rate_limited)',
        until: expect.any(Number),
      },
    ]);
    expect(Math.abs(cooled.accounts[0].until - (Date.now() + 120_000))).toBeLessThan(10_000);
    expect(fine).toMatchObject({ available: true, reasons: [] });
    expect(unknown).toMatchObject({ available: false, reasons: [{ code: 'model_not_found' }] });

    const listed = await harness.manage('GET', '/api/models/availability');
    const groqModels = listed.body.models.filter((entry: any) => entry.provider === 'groq');
    expect(groqModels.length).toBeGreaterThan(0);
    expect(groqModels.every((entry: any) => entry.available === false)).toBe(true);
    const bad = await harness.manage('POST', '/api/models/availability', { models: [] });
    expect(bad.body.error.param).toBe('models');
  });

  it('serves /metrics as valid Prometheus text behind management auth', async () => {
    expect((await fetch(`${harness.url}/metrics`)).status).toBe(401);
    const { body: key } = await harness.manage('POST', '/api/keys', { name: 'client-only' });
    const forbidden = await fetch(`${harness.url}/metrics`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(forbidden.status).toBe(403);
    const { body: admin } = await harness.manage('POST', '/api/keys', { name: 'scraper', scopes: ['manage'] });
    const response = await fetch(`${harness.url}/metrics`, { headers: { authorization: `Bearer ${admin.key}` } });
    expect(response.status).toBe(200);
    const families = parsePrometheusText(await response.text());
    const gpt = { provider: 'openai', model: 'gpt-4.1' };
    expect(sampleValue(families, 'omniroute_requests_total', { ...gpt, status_class: '2xx' })).toBeGreaterThan(3);
    expect(sampleValue(families, 'omniroute_cost_usd_total', gpt)).toBeGreaterThan(0);
    expect(sampleValue(families, 'omniroute_requests_total', { provider: 'groq', status_class: '4xx' })).toBe(1);
    expect(sampleValue(families, 'omniroute_connections_cooling_down', { provider: 'groq' })).toBe(1);
    expect(sampleValue(families, 'omniroute_gateway_overhead_seconds_count', { streamed: 'false' })).toBeGreaterThan(0);
  });
});

describe('retention', () => {
  it('purges on demand and validates the body', async () => {
    const bad = await harness.manage('POST', '/api/usage/purge', { olderThanDays: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('olderThanDays');
    const kept = await harness.manage('POST', '/api/usage/purge', {});
    expect(kept.body).toEqual({ deleted: 0, olderThanDays: 30 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { body } = await harness.manage('POST', '/api/usage/purge', { olderThanDays: 0 });
    expect(body.deleted).toBeGreaterThan(10);
    const { body: logs } = await harness.manage('GET', '/api/usage/request-logs');
    expect(logs.logs).toEqual([]);
  });
});

describe('separate metrics listener (METRICS_PORT)', () => {
  it('serves /metrics without auth on its own loopback port, and nothing else', async () => {
    const separate = await startHarness({ env: { METRICS_PORT: '0' } });
    try {
      const url = separate.gateway.metricsUrl;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const response = await fetch(url!);
      expect(response.status).toBe(200);
      expect(parsePrometheusText(await response.text()).has('omniroute_requests_total')).toBe(true);
      expect((await fetch(url!.replace('/metrics', '/api/providers'))).status).toBe(404);
      expect((await fetch(`${separate.url}/metrics`)).status).toBe(401);
    } finally {
      await separate.stop();
    }
  });
});
