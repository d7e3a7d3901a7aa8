import { randomUUID } from 'node:crypto';
import type { CompiledKeyPolicy } from '../governance/key-governance.js';
import { type LimitCounters, type LimitName, limitRefusal, type ReleaseLimits } from '../governance/limit-counters.js';
import type { Logger } from '../observability/logger.js';
import type { RedisLink } from './redis-link.js';
import { integerReply, RedisScript } from './redis-script.js';

/**
 * Checks every limit of a key and, only if all pass, takes them all: one atomic round trip per admission. Time is
 * Redis's own (TIME; Redis ≥ 5 replicates scripts by their effects, so writing after TIME is allowed), so processes
 * on machines with skewed clocks still share one window.
 * KEYS: in-flight leases (sorted set, score = expiry), rpm (sorted set of admission times), rpd (hash minute bucket
 * -> requests), tpm (hash second bucket -> tokens).
 * ARGV: maxConcurrent, rpm, rpd, tpm (0 = no such limit), token estimate, admission id, lease ms.
 * Reply: {0, now} admitted, or {refused limit 1-4, wait ms}.
 */
const takeLimits = new RedisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local maxConcurrent, rpm, rpd, tpm = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local estimate, id, leaseMs = tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])

-- A sliding window of fixed buckets (as BucketWindow): the amount used and the ms until the oldest bucket leaves.
local function buckets(key, count, size)
  local current = math.floor(now / size)
  local fields = redis.call('HGETALL', key)
  local used, oldest, stale = 0, current, {}
  for i = 1, #fields, 2 do
    local bucket = tonumber(fields[i])
    if bucket > current - count then
      used = used + tonumber(fields[i + 1])
      if bucket < oldest then oldest = bucket end
    else
      stale[#stale + 1] = fields[i]
    end
  end
  if #stale > 0 then redis.call('HDEL', key, unpack(stale)) end
  return used, (oldest + count) * size - now
end

if maxConcurrent > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  if redis.call('ZCARD', KEYS[1]) >= maxConcurrent then return {1, 1000} end
end
if rpm > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 60000)
  local count = redis.call('ZCARD', KEYS[2])
  if count >= rpm then
    local oldest = redis.call('ZRANGE', KEYS[2], count - rpm, count - rpm, 'WITHSCORES')
    return {2, tonumber(oldest[2]) + 60000 - now}
  end
end
if rpd > 0 then
  local used, wait = buckets(KEYS[3], 1440, 60000)
  if used >= rpd then return {3, wait} end
end
if tpm > 0 then
  local used, wait = buckets(KEYS[4], 60, 1000)
  if used >= tpm then return {4, wait} end
end

-- Every key expires once idle, so a key no longer used leaves nothing behind.
if maxConcurrent > 0 then
  redis.call('ZADD', KEYS[1], now + leaseMs, id)
  redis.call('PEXPIRE', KEYS[1], leaseMs)
end
if rpm > 0 then
  redis.call('ZADD', KEYS[2], now, id)
  redis.call('PEXPIRE', KEYS[2], 60000)
end
if rpd > 0 then
  redis.call('HINCRBY', KEYS[3], math.floor(now / 60000), 1)
  redis.call('PEXPIRE', KEYS[3], 86400000)
end
if tpm > 0 then
  redis.call('HINCRBY', KEYS[4], math.floor(now / 1000), estimate)
  redis.call('PEXPIRE', KEYS[4], 60000)
end
return {0, now}
`);

const refusedLimits: readonly LimitName[] = ['maxConcurrent', 'rpm', 'rpd', 'tpm'];

/**
 * A request's in-flight slot is a lease that expires by itself, so a process that crashes mid-request cannot hold
 * slots forever. 15 minutes outlasts any upstream call the gateway allows; a request still running after that no
 * longer counts against maxConcurrent.
 */
const defaultLeaseMs = 15 * 60_000;

/**
 * Per-key limits shared by every gateway process through Redis. Redis down (or a command failing): the request is
 * counted by this process's own counters at once, without waiting, and Redis is used again as soon as it returns.
 * What was taken locally meanwhile is not copied to Redis: it ages out of the windows within the minute (the day
 * for rpd). A changed limit applies at once to the counts already shared (the local counters start afresh).
 */
export class RedisLimitCounters implements LimitCounters {
  private readonly leaseMs: number;

  constructor(private readonly options: { link: RedisLink; local: LimitCounters; logger?: Logger; leaseMs?: number }) {
    this.leaseMs = options.leaseMs ?? defaultLeaseMs;
  }

  async take(policy: CompiledKeyPolicy, estimate: number): Promise<ReleaseLimits> {
    const { link, local } = this.options;
    if (!link.isUp) return local.take(policy, estimate);
    const { limits } = policy;
    // The key id in braces (a Redis Cluster hash tag) keeps the script's four keys in one slot.
    const keys = ['leases', 'rpm', 'rpd', 'tpm'].map((name) => link.key(`limits:{${policy.keyId}}:${name}`));
    const id = randomUUID();
    const args = [limits.maxConcurrent, limits.rpm, limits.rpd, limits.tpm].map((limit) => limit ?? 0);
    let reply: number[];
    try {
      reply = integerReply(await takeLimits.run(link.commands, keys, [...args, estimate, id, this.leaseMs]), 'limits');
    } catch (error) {
      this.options.logger?.debug({ err: error }, 'shared limits unavailable: counting this request locally');
      return local.take(policy, estimate);
    }
    const [outcome = 0, value = 0] = reply;
    const refused = refusedLimits[outcome - 1];
    if (refused !== undefined) throw limitRefusal(policy, refused, value / 1000);
    const tpmBucket = Math.floor(value / 1000);
    let released = false;
    return (tokens) => {
      if (released) return;
      released = true;
      const [leases = '', , , tpmKey = ''] = keys;
      const correctTokens = limits.tpm !== undefined && tokens !== undefined && tokens !== estimate;
      // Nothing to give back (no concurrency limit, no token correction): no round trip.
      if (limits.maxConcurrent === undefined && !correctTokens) return;
      // Plain commands, not a pipeline: the link's auto-pipelining sends them in one write with the budget's
      // settlement issued in the same tick. A release that cannot reach Redis leaves the lease to expire.
      const { commands } = link;
      const ignore = () => undefined;
      if (limits.maxConcurrent !== undefined) commands.zrem(leases, id).catch(ignore);
      // The reservation is corrected in the second it was taken from, so it leaves the window on time.
      if (correctTokens) {
        commands.hincrby(tpmKey, String(tpmBucket), tokens - estimate).catch(ignore);
        commands.pexpire(tpmKey, 60_000).catch(ignore);
      }
    };
  }
}
