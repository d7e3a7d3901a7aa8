import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import type { GatewayProcess } from '../helpers/gateway-process.js';
import { redisServerAvailable } from '../helpers/redis-process.js';
import { backendHeader } from '../helpers/round-robin-proxy.js';
import { postgresEngine } from '../helpers/test-databases.js';
import {
  type Answer,
  anthropicChat,
  chat,
  chatBody,
  configReachedAll,
  connectMockAccounts,
  cooldownsOn,
  createKey,
  type ProcessCluster,
  startProcessCluster,
  statusCounts,
  upstreamCalls,
} from './process-cluster.js';

/**
 * Issue #11's "done when": three gateway processes (the built CLI) on one PostgreSQL database and one Redis, behind a
 * round-robin proxy, behave as one gateway. Redis is a private redis-server, so the last tests can stop and restart it.
 */
const canRun = postgresEngine !== undefined && (redisServerAvailable() || process.env.CI === 'true');

describe.runIf(canRun)('three gateway processes behind a round-robin proxy', () => {
  let cluster: ProcessCluster;
  let gateways: GatewayProcess[];
  const claude = 'anthropic/claude-haiku-4-5';
  const burst = (count: number, options: Parameters<typeof chat>[1]) =>
    Promise.all(Array.from({ length: count }, () => chat(cluster.proxy.url, options)));
  const backendsOf = (answers: readonly Answer[]) =>
    new Set(answers.map((answer) => answer.headers.get(backendHeader)));

  beforeAll(async () => {
    cluster = await startProcessCluster(3);
    gateways = cluster.gateways;
    await connectMockAccounts(cluster);
    await configReachedAll(cluster);
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('a per-key limit of 5 requests a minute admits exactly 5 of a 15-request burst spread over the processes', async () => {
    const { key } = await createKey(gateways[0] as GatewayProcess, { name: 'five-a-minute', limits: { rpm: 5 } });
    await configReachedAll(cluster);
    const answers = await burst(15, { key, text: 'burst' });
    expect(backendsOf(answers)).toEqual(new Set(['0', '1', '2']));
    expect(statusCounts(answers)).toEqual({ 200: 5, 429: 10 });
    const refused = answers.find((answer) => answer.status === 429) as Answer;
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.error).toMatchObject({ type: 'rate_limit_error' });
    expect(refused.body.error.message).toContain('5 requests per minute');
    // The same key from an Anthropic client, on whichever process: refused in that client's format.
    const anthropic = await anthropicChat(cluster.proxy.url, key, 'one more');
    expect(anthropic.status).toBe(429);
    expect(anthropic.body).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('a budget is not overshot by more than one request’s estimate under a burst over the processes', async () => {
    const first = gateways[0] as GatewayProcess;
    const { id, key } = await createKey(first, { name: 'budgeted' });
    const limit = 0.5;
    expect((await first.manage('POST', '/api/usage/budget', { keyId: id, limit, period: 'daily' })).status).toBe(201);
    await configReachedAll(cluster);
    for (const gateway of gateways) {
      await eventually(async () => {
        const { body } = await gateway.manage('GET', '/api/usage/budget');
        return body.budgets.some((budget: { keyId: string }) => budget.keyId === id) ? true : undefined;
      });
    }
    // One long word: the prompt's tokens dominate both the estimate and the real cost, so they are close, and the
    // mock's answer stays five words. The gateway reserves (body length / 4 + max_tokens) tokens at $0.001.
    const text = `${'x'.repeat(400)} [[mock:delay=300]]`;
    const estimate = (Math.ceil(chatBody({ text }).length / 4) + 10) * 0.001;
    const answers = await burst(24, { key, text });
    expect(backendsOf(answers)).toEqual(new Set(['0', '1', '2']));
    const admitted = statusCounts(answers)[200] ?? 0;
    expect(admitted).toBeGreaterThan(0);
    expect(statusCounts(answers)[429]).toBe(24 - admitted);
    // Each process writes its request log in the background: wait for every admitted call's row.
    const rows = await eventually(async () => {
      const { body } = await first.manage('GET', `/api/usage/request-logs?key=${id}&limit=100`);
      const ok = body.logs.filter((row: { status: number }) => row.status === 200);
      return ok.length === admitted ? ok : undefined;
    }, 15_000);
    const spent = rows.reduce((sum: number, row: { cost_usd: number | null }) => sum + (row.cost_usd ?? 0), 0);
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(limit + estimate);
  });

  it('a cooldown one process sets is honoured by the others: they do not call that account', async () => {
    const [first, ...others] = gateways as [GatewayProcess, ...GatewayProcess[]];
    for (const gateway of gateways) {
      await eventually(async () =>
        (await chat(gateway.url, { model: claude, text: 'warm' })).status === 200 ? true : undefined,
      );
    }
    const limited = await chat(first.url, { model: claude, text: 'limit [[mock:status=429]] [[mock:retry-after=60]]' });
    expect(limited.status).toBe(429);
    for (const gateway of others) {
      const cooling = await eventually(async () => {
        const cooldowns = await cooldownsOn(gateway);
        return cooldowns.length > 0 ? cooldowns : undefined;
      });
      expect(cooling[0]).toMatchObject({ reason: 'rate_limited' });
    }
    const before = upstreamCalls(cluster.mock);
    for (const gateway of others)
      expect((await chat(gateway.url, { model: claude, text: 'parked?' })).status).toBe(429);
    expect(upstreamCalls(cluster.mock)).toBe(before);
    // Resetting on one process frees the account everywhere.
    expect((await others[0]?.manage('POST', '/api/resilience/reset', {}))?.status).toBe(200);
    for (const gateway of gateways) {
      await eventually(async () => ((await cooldownsOn(gateway)).length === 0 ? true : undefined));
    }
  });

  it('a cached answer stored by one process is served by the others without an upstream call', async () => {
    const text = `What is the capital of France? ${randomUUID()}`;
    const before = upstreamCalls(cluster.mock);
    const sharedEntries = async () =>
      ((await (gateways[0] as GatewayProcess).manage('GET', '/api/cache')).body.sharedTier?.entries ?? 0) as number;
    const storedBefore = await sharedEntries();
    const answers = [await chat(cluster.proxy.url, { text, temperature: 0 })];
    // The answer goes to Redis as the request ends, without delaying the client: a repeat sent within those few
    // milliseconds may miss (and call the upstream). Wait for the shared tier to hold it, then ask the others.
    await eventually(async () => ((await sharedEntries()) > storedBefore ? true : undefined));
    for (let index = 1; index < 3; index += 1) answers.push(await chat(cluster.proxy.url, { text, temperature: 0 }));
    expect(backendsOf(answers)).toEqual(new Set(['0', '1', '2']));
    // Named by backend, so a failure shows which process missed.
    const cacheBy = answers.map(
      (answer) => `${answer.headers.get(backendHeader)}:${answer.headers.get('x-omniroute-cache')}`,
    );
    expect(
      cacheBy.map((entry) => entry.replace(/^\d:/, '')),
      cacheBy.join(' '),
    ).toEqual(['MISS', 'HIT', 'HIT']);
    expect(upstreamCalls(cluster.mock)).toBe(before + 1);
    const contents = answers.map((answer) => answer.body.choices[0].message.content);
    expect(new Set(contents).size).toBe(1);
  });

  it('an idempotent retry landing on another process makes no second upstream call, in flight or finished', async () => {
    const headers = { 'idempotency-key': `retry-${randomUUID()}` };
    // Temperature 0.7: not cacheable, so only idempotency can spare the upstream call.
    const options = { text: 'Once only [[mock:delay=2000]]', temperature: 0.7, headers };
    const before = upstreamCalls(cluster.mock);
    let firstDone = false;
    const first = chat(cluster.proxy.url, options).finally(() => {
      firstDone = true;
    });
    await eventually(() => (upstreamCalls(cluster.mock) > before ? true : undefined));
    const sentWhileRunning = !firstDone;
    const duringRun = await chat(cluster.proxy.url, options);
    const original = await first;
    const afterRun = await chat(cluster.proxy.url, options);
    expect(sentWhileRunning).toBe(true);
    expect(backendsOf([original, duringRun, afterRun]).size).toBe(3);
    expect([original.status, duringRun.status, afterRun.status]).toEqual([200, 200, 200]);
    expect(upstreamCalls(cluster.mock)).toBe(before + 1);
    expect(duringRun.headers.get('x-omniroute-idempotent')).toBe('true');
    expect(afterRun.headers.get('x-omniroute-idempotent')).toBe('true');
    const content = original.body.choices[0].message.content;
    expect(duringRun.body.choices[0].message.content).toBe(content);
    expect(afterRun.body.choices[0].message.content).toBe(content);
  });

  it('a combo edited on one process is used by the others within about a second', async () => {
    const first = gateways[0] as GatewayProcess;
    const created = await first.manage('POST', '/api/combos', { name: 'team', models: ['openai/gpt-4.1'] });
    expect(created.status).toBe(201);
    for (const gateway of gateways) {
      await eventually(async () =>
        (await chat(gateway.url, { model: 'team', text: 'ready?' })).status === 200 ? true : undefined,
      );
    }
    const edited = await first.manage('PUT', `/api/combos/${created.body.id}`, { models: ['openai/gpt-4o'] });
    expect(edited.status).toBe(200);
    const since = Date.now();
    // Polled every 100 ms on each other process until a call goes to the new target. The issue asks for "within a
    // second"; on 2 busy cores shared with other suites a process can be descheduled for a while, so the assertion
    // allows a few seconds and the measured time is printed: it is normally well under one second.
    const elapsed = await Promise.all(
      gateways.slice(1).map((gateway) =>
        eventually(
          async () => {
            const answer = await chat(gateway.url, { model: 'team', text: 'which target?' });
            return answer.headers.get('x-omniroute-model') === 'gpt-4o' ? Date.now() - since : undefined;
          },
          10_000,
          100,
        ),
      ),
    );
    console.info(`combo edit visible on the other processes after ${elapsed.join(' ms, ')} ms`);
    for (const ms of elapsed) expect(ms).toBeLessThan(5000);
  });

  it('keeps serving while Redis is down (health degraded), and resynchronises a cooldown set meanwhile', async () => {
    const [first, ...others] = gateways as [GatewayProcess, ...GatewayProcess[]];
    await cluster.redis.stop();
    for (const gateway of gateways) {
      const health = await eventually(async () => {
        const { body } = await gateway.manage('GET', '/api/monitoring/health');
        return body.sharedState.status === 'down' ? body : undefined;
      });
      expect(health).toMatchObject({ status: 'degraded', sharedState: { backend: 'redis', status: 'down' } });
    }
    const served = await burst(3, { text: 'still serving' });
    expect(statusCounts(served)).toEqual({ 200: 3 });
    expect(backendsOf(served).size).toBe(3);
    const limited = await chat(first.url, {
      model: claude,
      text: 'outage [[mock:status=429]] [[mock:retry-after=60]]',
    });
    expect(limited.status).toBe(429);

    await cluster.redis.start();
    for (const gateway of gateways) {
      await eventually(async () => {
        const { body } = await gateway.manage('GET', '/api/monitoring/health');
        return body.status === 'ok' && body.sharedState.status === 'up' ? true : undefined;
      }, 20_000);
    }
    // The cooldown first set while Redis was away reaches the others now, and they honour it.
    for (const gateway of others) {
      await eventually(async () => ((await cooldownsOn(gateway)).length > 0 ? true : undefined), 10_000);
    }
    const before = upstreamCalls(cluster.mock);
    for (const gateway of others)
      expect((await chat(gateway.url, { model: claude, text: 'parked?' })).status).toBe(429);
    expect(upstreamCalls(cluster.mock)).toBe(before);
  }, 60_000);

  it('shares per-key limits through Redis again once it is back', async () => {
    const { key } = await createKey(gateways[0] as GatewayProcess, { name: 'three-a-minute', limits: { rpm: 3 } });
    await configReachedAll(cluster);
    const answers = await burst(9, { key, text: 'after the outage' });
    expect(backendsOf(answers).size).toBe(3);
    expect(statusCounts(answers)).toEqual({ 200: 3, 429: 6 });
  });
});
