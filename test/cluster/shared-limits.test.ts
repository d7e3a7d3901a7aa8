import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientIdentity } from '../../src/auth/key-index.js';
import { createKeyGovernance } from '../../src/cluster/create-key-governance.js';
import { RedisLink } from '../../src/cluster/redis-link.js';
import { BudgetLedger } from '../../src/governance/budget-ledger.js';
import { compileKeyPolicy, type KeyGovernance } from '../../src/governance/key-governance.js';
import type { KeyPolicy } from '../../src/governance/key-policy.js';
import { silentLogger } from '../../src/observability/logger.js';
import type { KeyBudgetRecord, KeyBudgetsRepository } from '../../src/storage/repositories/key-budgets-repository.js';
import { eventually } from '../helpers/eventually.js';
import { startTcpForwarder, type TcpForwarder } from '../helpers/tcp-forwarder.js';
import { testRedisUrl, uniqueRedisPrefix } from '../helpers/test-databases.js';

/**
 * Two KeyGovernance instances on one Redis stand in for two gateway processes: a key's limits and budgets hold
 * across both, and each falls back to its own counters while Redis is away.
 */
describe.runIf(testRedisUrl !== undefined)('per-key limits and budgets shared through Redis', () => {
  const prefix = uniqueRedisPrefix();
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0)) await close();
  });

  interface Process {
    link: RedisLink;
    ledger: BudgetLedger;
    governance: KeyGovernance;
  }

  async function startProcess(
    options: { url?: string; budgets?: KeyBudgetRecord[]; spent?: number; leaseMs?: number } = {},
  ): Promise<Process> {
    const link = new RedisLink(options.url ?? testRedisUrl ?? '', silentLogger(), prefix);
    cleanup.push(() => link.close());
    // The request log's spend, as the ledger reads it at start-up and when Redis returns.
    const repository = {
      list: async () => options.budgets ?? [],
      spentSince: async () => options.spent ?? 0,
    } as unknown as KeyBudgetsRepository;
    const ledger = new BudgetLedger(repository);
    await ledger.reload();
    const governance = createKeyGovernance({ ledger, redis: link, logger: silentLogger(), leaseMs: options.leaseMs });
    await link.connect();
    return { link, ledger, governance };
  }

  function keyWith(policy: KeyPolicy): ClientIdentity {
    const id = randomUUID();
    const record = {
      id,
      name: 'team',
      keyHash: 'h',
      keyPrefix: 'p',
      scopes: [],
      createdAt: 0,
      revokedAt: null,
      policy,
      expiresAt: null,
      disabled: false,
    };
    return { keyId: id, keyName: 'team', scopes: [], policy: compileKeyPolicy(record) };
  }

  const budgetFor = (keyId: string, limitNanoUsd: number): KeyBudgetRecord => ({
    id: randomUUID(),
    keyId,
    period: 'daily',
    limitNanoUsd,
    warningBps: null,
    createdAt: 0,
    updatedAt: 0,
  });

  const admit = (process: Process, identity: ClientIdentity, { tokens = 10, costNano = 0 } = {}) =>
    process.governance.admit({
      identity,
      models: ['gpt-4.1'],
      combo: undefined,
      estimateTokens: () => tokens,
      estimateCostNano: () => costNano,
    });

  /** `count` concurrent admissions, alternating between the processes. */
  async function burst(processes: Process[], identity: ClientIdentity, count: number, costNano = 0) {
    const outcomes = await Promise.allSettled(
      Array.from({ length: count }, (_, index) =>
        admit(processes[index % processes.length] as Process, identity, { costNano }),
      ),
    );
    const admitted = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    return { admitted, refused };
  }

  it('admits exactly N requests per minute across both processes under a concurrent burst', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const key = keyWith({ limits: { rpm: 5 } });
    const { admitted, refused } = await burst([a, b], key, 20);
    expect(admitted).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(refused[0]).toMatchObject({
      status: 429,
      message: "API key 'team' is over its limit of 5 requests per minute",
    });
    const retryAfter = (refused[0] as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('holds maxConcurrent across both processes and frees a slot on release', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const key = keyWith({ limits: { maxConcurrent: 3 } });
    const first = await admit(a, key);
    await admit(a, key);
    await admit(b, key);
    await expect(admit(b, key)).rejects.toMatchObject({
      status: 429,
      message: "API key 'team' already has 3 requests in flight",
      retryAfterSeconds: 1,
    });
    await expect(admit(a, key)).rejects.toMatchObject({ status: 429 });
    first({ tokens: undefined, costNano: 0 });
    // The release is sent in the background: the slot is free once Redis has it.
    const next = await eventually(() => admit(b, key).catch(() => undefined));
    expect(next).toBeTypeOf('function');
    await expect(admit(a, key)).rejects.toMatchObject({ status: 429 });
  });

  it('corrects a token reservation to the real count, seen by the other process', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const key = keyWith({ limits: { tpm: 100 } });
    const release = await admit(a, key, { tokens: 100 });
    await expect(admit(b, key, { tokens: 1 })).rejects.toMatchObject({
      status: 429,
      message: "API key 'team' is over its limit of 100 tokens per minute",
    });
    release({ tokens: 20, costNano: 0 });
    const next = await eventually(() => admit(b, key, { tokens: 50 }).catch(() => undefined));
    next({ tokens: 50, costNano: 0 });
    await expect(admit(a, key, { tokens: 1 })).resolves.toBeTypeOf('function');
  });

  it('lets a crashed process’s in-flight slot expire', async () => {
    const crashed = await startProcess({ leaseMs: 300 });
    const survivor = await startProcess();
    const key = keyWith({ limits: { maxConcurrent: 1 } });
    await admit(crashed, key);
    await crashed.link.close();
    await expect(admit(survivor, key)).rejects.toMatchObject({ status: 429 });
    const admitted = await eventually(() => admit(survivor, key).catch(() => undefined));
    expect(admitted).toBeTypeOf('function');
  });

  it('overshoots a budget by at most one estimate across both processes', async () => {
    const key = keyWith({});
    const budget = budgetFor(key.keyId, 1_000);
    const [a, b] = [await startProcess({ budgets: [budget] }), await startProcess({ budgets: [budget] })];
    const { admitted, refused } = await burst([a, b], key, 20, 300);
    expect(admitted).toHaveLength(4);
    expect(refused[0]).toMatchObject({ status: 429, message: expect.stringMatching(/used its daily budget of \$/) });
    for (const release of admitted) release({ tokens: undefined, costNano: 300 });
    // Both processes show the global spend: 1,200, over the limit by less than one estimate (300).
    for (const process of [a, b]) {
      const spent = await eventually(async () => {
        await admit(process, key, { costNano: 300 }).then(
          (release) => release({ tokens: undefined, costNano: 0 }),
          () => undefined,
        );
        const state = process.ledger.states(key.keyId)[0];
        return state?.spentNano === 1_200 ? state.spentNano : undefined;
      });
      expect(spent - 1_000).toBeLessThanOrEqual(300);
    }
  });

  it('counts the spend already in the request log on every process', async () => {
    const key = keyWith({});
    const budget = budgetFor(key.keyId, 1_000);
    const a = await startProcess({ budgets: [budget], spent: 900 });
    const b = await startProcess({ budgets: [budget], spent: 900 });
    const release = await admit(a, key, { costNano: 100 });
    await expect(admit(b, key, { costNano: 1 })).rejects.toMatchObject({ status: 429 });
    release({ tokens: undefined, costNano: 50 });
    expect(await eventually(() => admit(b, key, { costNano: 1 }).catch(() => undefined))).toBeTypeOf('function');
  });

  it('enforces each process’s own limits at once when Redis is unreachable', async () => {
    const down = { url: 'redis://127.0.0.1:1/0' };
    const key = keyWith({ limits: { rpm: 2 } });
    const budgeted = keyWith({});
    const budget = budgetFor(budgeted.keyId, 1_000);
    const a = await startProcess({ ...down, budgets: [budget] });
    const b = await startProcess({ ...down, budgets: [budget] });
    expect(a.link.isUp).toBe(false);
    for (const process of [a, b]) {
      const { admitted, refused } = await burst([process], key, 5);
      expect(admitted).toHaveLength(2);
      expect(refused[0]).toMatchObject({ status: 429, message: /2 requests per minute/ });
      const release = await admit(process, budgeted, { costNano: 600 });
      release({ tokens: undefined, costNano: 1_000 });
      await expect(admit(process, budgeted, { costNano: 1 })).rejects.toMatchObject({ status: 429 });
    }
  });

  it('shares again when Redis returns, including the spend settled while it was away', async () => {
    const redis = new URL(testRedisUrl ?? '');
    const forwarder: TcpForwarder = await startTcpForwarder({ host: redis.hostname, port: Number(redis.port) });
    cleanup.push(() => forwarder.close());
    const viaForwarder = new URL(redis);
    viaForwarder.host = `127.0.0.1:${forwarder.port}`;
    const limited = keyWith({ limits: { rpm: 3 } });
    const budgeted = keyWith({});
    const budget = budgetFor(budgeted.keyId, 1_000);
    const a = await startProcess({ url: viaForwarder.toString(), budgets: [budget] });
    const b = await startProcess({ budgets: [budget] });
    expect((await burst([b], limited, 2)).admitted).toHaveLength(2);
    (await admit(b, budgeted, { costNano: 100 }))({ tokens: undefined, costNano: 0 });

    forwarder.cut();
    await eventually(() => (a.link.isUp ? undefined : true));
    // Alone, A counts on its own: all 3 rpm are its own (the shared window has 1 left), and its spend stays local.
    expect((await burst([a], limited, 4)).admitted).toHaveLength(3);
    (await admit(a, budgeted, { costNano: 100 }))({ tokens: undefined, costNano: 1_000 });

    forwarder.restore();
    await eventually(() => (a.link.isUp ? true : undefined), 15_000);
    // Back on Redis: what A spent meanwhile reaches B, and A counts in the shared window again (B's 2 of 3 taken).
    const refusal = await eventually(() =>
      admit(b, budgeted, { costNano: 1 }).then(
        (release) => release({ tokens: undefined, costNano: 0 }),
        (error: unknown) => error,
      ),
    );
    expect(refusal).toMatchObject({ status: 429 });
    expect((await burst([a], limited, 3)).admitted).toHaveLength(1);
  });
});
