import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatusFilter } from '../../src/storage/repositories/request-log-filter.js';
import {
  type NewRequestLogRow,
  RequestLogsRepository,
} from '../../src/storage/repositories/request-logs-repository.js';
import { UsageRepository } from '../../src/storage/repositories/usage-repository.js';
import { testEngines } from '../helpers/test-databases.js';

const hour = 3_600_000;
const day = 24 * hour;
/** One bucket holding every row: buckets are aligned to the epoch, and 1970 + 100 years covers the test data. */
const century = 36_500 * day;
/** A fixed UTC midnight, so bucket boundaries are known. */
const start = Date.UTC(2025, 0, 1);
const total = 5000;
const providers = ['openai', 'anthropic', 'gemini', 'groq'];
const keys = ['key-a', 'key-b', null];

/**
 * Row i: one every 2 minutes from `start` (5000 rows ≈ 6.9 days), provider i % 4, key i % 3, status 500 for every
 * 10th row and 429 for every 25th row that is not a 10th, 100 input and 10 output tokens, cost i nano-USD,
 * priced unless i % 7 == 0. Every expectation below is computed from this rule independently of the SQL.
 */
function row(i: number): NewRequestLogRow {
  const status = i % 10 === 0 ? 500 : i % 25 === 0 ? 429 : 200;
  return {
    request_id: `req-${i}`,
    created_at: start + i * 120_000,
    route: '/v1/chat/completions',
    client_format: 'openai',
    model_requested: `${providers[i % 4]}/m${i % 2}`,
    provider: providers[i % 4] ?? null,
    model: `m${i % 2}`,
    connection_id: `conn-${i % 4}`,
    api_key_id: keys[i % 3] ?? null,
    status,
    latency_ms: 100 + (i % 50),
    ttft_ms: 50,
    input_tokens: 100,
    output_tokens: 10,
    cached_tokens: i % 2 === 0 ? 20 : null,
    cache_write_tokens: null,
    reasoning_tokens: i % 5 === 0 ? 3 : null,
    streamed: i % 2,
    error: status >= 400 ? 'upstream_error: failed' : null,
    combo: i % 8 === 0 ? 'coding' : null,
    attempts: 1,
    cost_nano_usd: i,
    priced: i % 7 === 0 ? 0 : 1,
    upstream_ms: 90,
  };
}

const rows = Array.from({ length: total }, (_, i) => row(i));
const where = (predicate: (r: NewRequestLogRow, i: number) => boolean) => rows.filter((r, i) => predicate(r, i));

describe.each(testEngines)('usage queries on $name', (engine) => {
  let dispose: () => Promise<void>;
  let logs: RequestLogsRepository;
  let usage: UsageRepository;

  beforeAll(async () => {
    const opened = await engine.open();
    dispose = opened.dispose;
    logs = new RequestLogsRepository(opened.storage.db);
    usage = new UsageRepository(opened.storage.db);
    await logs.insertMany(rows);
  });
  afterAll(async () => {
    await dispose();
  });

  describe('usage history over 5000 rows', () => {
    it('buckets by day with the right counts, tokens, cost and errors', async () => {
      const buckets = await usage.history({ filter: {}, bucketMs: day });
      expect(buckets).toHaveLength(7);
      for (const bucket of buckets) {
        const inside = where((r) => r.created_at >= bucket.start && r.created_at < bucket.start + day);
        expect(bucket.group).toBeNull();
        expect(bucket.requests).toBe(inside.length);
        expect(bucket.errors).toBe(inside.filter((r) => r.status >= 400).length);
        expect(bucket.inputTokens).toBe(inside.length * 100);
        expect(bucket.cachedTokens).toBe(inside.filter((r) => r.cached_tokens !== null).length * 20);
        expect(bucket.reasoningTokens).toBe(inside.filter((r) => r.reasoning_tokens !== null).length * 3);
        expect(bucket.costNanoUsd).toBe(inside.reduce((sum, r) => sum + (r.cost_nano_usd ?? 0), 0));
        expect(bucket.unpricedRequests).toBe(inside.filter((r) => r.priced === 0 && r.status < 400).length);
      }
      expect(buckets[0]?.start).toBe(start);
      expect(buckets.reduce((sum, b) => sum + b.requests, 0)).toBe(total);
    });

    it('buckets by hour inside a range and groups by provider', async () => {
      const filter = { from: start + 5 * hour, to: start + 29 * hour };
      const buckets = await usage.history({ filter, bucketMs: hour, groupBy: 'provider' });
      // 24 hours × 4 providers, each hour holding 30 rows (7 or 8 per provider).
      expect(buckets).toHaveLength(96);
      expect(new Set(buckets.map((b) => b.group))).toEqual(new Set(providers));
      const first = buckets.find((b) => b.start === start + 5 * hour && b.group === 'anthropic');
      const expected = where(
        (r) => r.provider === 'anthropic' && r.created_at >= start + 5 * hour && r.created_at < start + 6 * hour,
      );
      expect(first?.requests).toBe(expected.length);
      expect(buckets.reduce((sum, b) => sum + b.requests, 0)).toBe(24 * 30);
    });

    it('groups by model (provider/model), key, connection and combo', async () => {
      const byModel = await usage.history({ filter: {}, bucketMs: century, groupBy: 'model' });
      expect(byModel.map((b) => b.group).sort()).toEqual(['anthropic/m1', 'gemini/m0', 'groq/m1', 'openai/m0'].sort());
      const byKey = await usage.history({ filter: {}, bucketMs: century, groupBy: 'key' });
      expect(byKey.find((b) => b.group === 'key-a')?.requests).toBe(where((r) => r.api_key_id === 'key-a').length);
      expect(byKey.find((b) => b.group === null)?.requests).toBe(where((r) => r.api_key_id === null).length);
      const byConnection = await usage.history({ filter: {}, bucketMs: century, groupBy: 'connection' });
      expect(byConnection).toHaveLength(4);
      const byCombo = await usage.history({ filter: { combo: 'coding' }, bucketMs: century, groupBy: 'combo' });
      expect(byCombo).toEqual([expect.objectContaining({ group: 'coding', requests: total / 8 })]);
    });

    it('filters by provider, key and status class in the aggregate', async () => {
      const filter = { provider: 'openai', apiKeyId: 'key-b', status: parseStatusFilter('5xx') };
      const totals = await usage.totals(filter);
      const expected = where((r) => r.provider === 'openai' && r.api_key_id === 'key-b' && r.status >= 500);
      expect(totals.requests).toBe(expected.length);
      expect(totals.errors).toBe(expected.length);
      expect(totals.lastRequestAt).toBe(Math.max(...expected.map((r) => r.created_at)));
    });
  });

  describe('request-log listing over 5000 rows', () => {
    it('pages through a filtered list with the id cursor, newest first, without gaps or repeats', async () => {
      const filter = { provider: 'gemini', status: parseStatusFilter('error') };
      const expected = where((r) => r.provider === 'gemini' && r.status >= 400).map((r) => r.request_id);
      const seen: string[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await logs.list({ ...filter, limit: 37, before });
        seen.push(...page.map((r) => r.request_id));
        if (page.length < 37) break;
        before = page.at(-1)?.id;
      }
      expect(seen).toEqual(expected.reverse());
    });

    it('filters by time range, model, key, connection, combo and exact status', async () => {
      const page = await logs.list({
        limit: 500,
        from: start + day,
        to: start + 2 * day,
        model: 'openai/m0',
        status: { status: 200 },
      });
      const expected = where(
        (r) =>
          r.created_at >= start + day &&
          r.created_at < start + 2 * day &&
          r.model_requested === 'openai/m0' &&
          r.status === 200,
      );
      expect(page.map((r) => r.request_id)).toEqual(expected.map((r) => r.request_id).reverse());
      const keyed = await logs.list({ limit: 500, apiKeyId: 'key-a', connectionId: 'conn-1', combo: 'coding' });
      expect(keyed.length).toBe(
        where((r) => r.api_key_id === 'key-a' && r.connection_id === 'conn-1' && r.combo === 'coding').length,
      );
    });

    it('finds one row by numeric id or request id', async () => {
      const [newest] = await logs.list({ limit: 1 });
      expect((await logs.get(String(newest?.id)))?.request_id).toBe(`req-${total - 1}`);
      expect((await logs.get('req-42'))?.created_at).toBe(start + 42 * 120_000);
      expect(await logs.get('nope')).toBeUndefined();
    });

    it('parses status filters', () => {
      expect(parseStatusFilter('429')).toEqual({ status: 429 });
      expect(parseStatusFilter('4xx')).toEqual({ min: 400, max: 499 });
      expect(parseStatusFilter('error')).toEqual({ min: 400, max: 999 });
      expect(parseStatusFilter('success')).toEqual({ min: 0, max: 399 });
      expect(parseStatusFilter('teapot')).toBeUndefined();
    });
  });
});
