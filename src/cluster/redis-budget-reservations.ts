import { randomUUID } from 'node:crypto';
import { type BudgetLedger, type BudgetState, budgetSpent, type Settle } from '../governance/budget-ledger.js';
import type { BudgetReservations } from '../governance/budget-reservations.js';
import type { Logger } from '../observability/logger.js';
import type { RedisLink } from './redis-link.js';
import { integerReply, RedisScript } from './redis-script.js';

/**
 * Reserves against all of a key's budgets at once: refuses if any is spent (settled spend plus open reservations at
 * or over its limit), else reserves the estimate on each. Open reservations are leases (member `id:amount`, score =
 * expiry) so a crashed process cannot hold budget forever. A spend counter missing (first use of the period, or
 * Redis lost its data) starts from the seed this process has (the request log's sum, or its last global copy).
 * KEYS: per budget, its spend counter and its reservations. ARGV: estimate, reservation id, lease ms, then per
 * budget: limit, seed, ms until the counter may go. Reply: {index of the refusing budget or 0, then per budget
 * spent, reserved}.
 */
const reserveBudgets = new RedisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local estimate, member, leaseMs = tonumber(ARGV[1]), ARGV[2] .. ':' .. ARGV[1], tonumber(ARGV[3])
local reply, refused = {0}, 0
for i = 1, #KEYS / 2 do
  local spentKey, heldKey = KEYS[2 * i - 1], KEYS[2 * i]
  local limit, seed, ttl = tonumber(ARGV[3 * i + 1]), ARGV[3 * i + 2], ARGV[3 * i + 3]
  local spent = redis.call('GET', spentKey)
  if not spent then
    redis.call('SET', spentKey, seed, 'PX', ttl)
    spent = seed
  end
  spent = tonumber(spent)
  redis.call('ZREMRANGEBYSCORE', heldKey, '-inf', now)
  local held = 0
  for _, open in ipairs(redis.call('ZRANGE', heldKey, 0, -1)) do
    held = held + tonumber(string.match(open, ':(%d+)$'))
  end
  if refused == 0 and spent + held >= limit then refused = i end
  reply[#reply + 1] = spent
  reply[#reply + 1] = held
end
reply[1] = refused
if refused > 0 then return reply end
for i = 1, #KEYS / 2 do
  redis.call('ZADD', KEYS[2 * i], now + leaseMs, member)
  redis.call('PEXPIRE', KEYS[2 * i], leaseMs)
end
return reply
`);

/**
 * Drops a reservation and adds the real cost to each spend counter that still exists (a missing one is seeded
 * again at the next reservation). ARGV: reservation member, cost. Reply: per budget the new spend, or -1.
 */
const settleBudgets = new RedisScript(`
local reply = {}
for i = 1, #KEYS / 2 do
  redis.call('ZREM', KEYS[2 * i], ARGV[1])
  if redis.call('EXISTS', KEYS[2 * i - 1]) == 1 then
    reply[i] = redis.call('INCRBY', KEYS[2 * i - 1], ARGV[2])
  else
    reply[i] = -1
  end
end
return reply
`);

/** After Redis returns: a counter it kept gets what was spent locally meanwhile; a lost one is seeded again. */
const resyncSpend = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[2]) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return tonumber(ARGV[1])
`);

/** Same reasoning as the in-flight leases of the rate limits (redis-limit-counters.ts). */
const defaultLeaseMs = 15 * 60_000;
/** A period's counter outlives the period a little, for requests settled just after it ended. */
const spendMarginMs = 60 * 60_000;

/**
 * Budget reservations shared by every gateway process through Redis, per budget and period (the period's start is
 * in the key, so periods roll over by themselves). The global spend is copied back into the ledger's states, so
 * `/api/usage/budget` shows it. Redis down: this process's ledger reserves alone at once; what it settles meanwhile
 * is added to the shared counters when Redis returns.
 */
export class RedisBudgetReservations implements BudgetReservations {
  private readonly leaseMs: number;
  /** Spend settled locally while Redis was away, per budget and period, to add when it returns. */
  private readonly pending = new Map<string, { state: BudgetState; periodStart: number; nano: number }>();

  constructor(private readonly options: { ledger: BudgetLedger; link: RedisLink; logger?: Logger; leaseMs?: number }) {
    this.leaseMs = options.leaseMs ?? defaultLeaseMs;
    options.link.onUp(() => {
      this.resync().catch((error: unknown) =>
        options.logger?.warn({ err: error }, 'resynchronising shared budget spend failed'),
      );
    });
  }

  has(keyId: string): boolean {
    return this.options.ledger.has(keyId);
  }

  async reserve(keyId: string, keyName: string, estimateNano: number): Promise<Settle | undefined> {
    const { ledger, link } = this.options;
    const states = ledger.states(keyId);
    if (states.length === 0) return undefined;
    if (!link.isUp) return this.reserveLocally(keyId, keyName, estimateNano);
    const now = ledger.now();
    const estimate = Math.max(0, Math.round(estimateNano));
    const id = randomUUID();
    const periods = states.map((state) => state.periodStart);
    const keys = states.flatMap((state) => this.keys(state, state.periodStart));
    const args = states.flatMap((state) => [
      state.budget.limitNanoUsd,
      Math.round(state.spentNano),
      Math.max(1, state.periodEnd - now + spendMarginMs),
    ]);
    let reply: number[];
    try {
      reply = integerReply(
        await reserveBudgets.run(link.commands, keys, [estimate, id, this.leaseMs, ...args]),
        'budget reservation',
      );
    } catch (error) {
      this.options.logger?.debug({ err: error }, 'shared budgets unavailable: reserving locally');
      return this.reserveLocally(keyId, keyName, estimateNano);
    }
    states.forEach((state, index) => {
      if (state.periodStart === periods[index]) state.spentNano = reply[1 + 2 * index] ?? state.spentNano;
    });
    const refused = states[(reply[0] ?? 0) - 1];
    if (refused !== undefined) throw budgetSpent(refused, keyName, now);
    // This process's own open reservations, for display; the shared ones are in Redis.
    for (const state of states) state.reservedNano += estimate;
    let settled = false;
    return (actualNano) => {
      if (settled) return;
      settled = true;
      for (const state of states) state.reservedNano = Math.max(0, state.reservedNano - estimate);
      const cost = Math.max(0, Math.round(actualNano));
      settleBudgets
        .run(link.commands, keys, [`${id}:${estimate}`, cost])
        .then((spent) => {
          integerReply(spent, 'budget settlement').forEach((value, index) => {
            const state = states[index];
            if (state === undefined || state.periodStart !== periods[index]) return;
            state.spentNano = value >= 0 ? value : state.spentNano + cost;
          });
        })
        .catch(() => {
          // Redis went away mid-request: the reservation's lease expires; the cost is added when Redis returns.
          states.forEach((state, index) => {
            const periodStart = periods[index] ?? state.periodStart;
            if (state.periodStart === periodStart) state.spentNano += cost;
            this.addPending(state, periodStart, cost);
          });
        });
    };
  }

  private reserveLocally(keyId: string, keyName: string, estimateNano: number): Settle | undefined {
    const states = this.options.ledger.states(keyId);
    const periods = states.map((state) => state.periodStart);
    const settle = this.options.ledger.reserve(keyId, keyName, estimateNano);
    if (settle === undefined) return undefined;
    return (actualNano) => {
      settle(actualNano);
      const cost = Math.max(0, Math.round(actualNano));
      states.forEach((state, index) => {
        this.addPending(state, periods[index] ?? state.periodStart, cost);
      });
    };
  }

  private addPending(state: BudgetState, periodStart: number, nano: number): void {
    if (nano === 0) return;
    const key = `${state.budget.id}:${periodStart}`;
    const entry = this.pending.get(key) ?? { state, periodStart, nano: 0 };
    entry.nano += nano;
    this.pending.set(key, entry);
  }

  /** On (re)connection: seed every budget's counter from the request log where Redis has none, add pending spend. */
  private async resync(): Promise<void> {
    const { ledger, link } = this.options;
    const now = ledger.now();
    const work = new Map<string, { state: BudgetState; periodStart: number; nano: number }>(this.pending);
    for (const state of ledger.all()) {
      const key = `${state.budget.id}:${state.periodStart}`;
      if (!work.has(key)) work.set(key, { state, periodStart: state.periodStart, nano: 0 });
    }
    for (const [key, { state, periodStart, nano }] of work) {
      const seed = await ledger.repository.spentSince(state.budget.keyId, periodStart);
      const ttl = Math.max(1, state.periodEnd - now + spendMarginMs);
      const [spentKey = ''] = this.keys(state, periodStart);
      const spent = await resyncSpend.run(link.commands, [spentKey], [Math.round(seed), nano, ttl]);
      // Only what was added is taken off: spend settled locally during this resync stays pending.
      const entry = this.pending.get(key);
      if (entry !== undefined) {
        entry.nano -= nano;
        if (entry.nano <= 0) this.pending.delete(key);
      }
      if (typeof spent === 'number' && state.periodStart === periodStart) state.spentNano = spent;
    }
  }

  private keys(state: BudgetState, periodStart: number): [string, string] {
    // The API key in braces (a Redis Cluster hash tag) puts all of a key's budgets in one slot, as scripts need.
    const base = `budget:{${state.budget.keyId}}:${state.budget.id}:${periodStart}`;
    return [this.options.link.key(`${base}:spent`), this.options.link.key(`${base}:held`)];
  }
}
