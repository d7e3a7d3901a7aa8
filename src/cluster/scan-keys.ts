import type { Redis } from 'ioredis';

/** Keys asked of each SCAN step: large enough for few round trips, small enough not to block Redis. */
const scanCount = 1000;

/** Deletes every key starting with `prefix` (SCAN + UNLINK in batches: never one long blocking command). */
export async function unlinkPrefixed(redis: Redis, prefix: string): Promise<number> {
  const pattern = patternOf(prefix);
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', scanCount);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

/**
 * Counts keys starting with `prefix`, stopping at `cap` matches or after `maxSteps` SCAN calls (SCAN walks the whole
 * keyspace, which other users of the same Redis may fill): `capped` says the count is a lower bound.
 */
export async function countPrefixed(
  redis: Redis,
  prefix: string,
  cap: number,
  maxSteps = 100,
): Promise<{ count: number; capped: boolean }> {
  const pattern = patternOf(prefix);
  let cursor = '0';
  let count = 0;
  let steps = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', scanCount);
    cursor = next;
    count += keys.length;
    steps += 1;
    if (count >= cap) return { count: cap, capped: true };
    if (steps >= maxSteps && cursor !== '0') return { count, capped: true };
  } while (cursor !== '0');
  return { count, capped: false };
}

/** A MATCH pattern for keys starting with `prefix`, its glob characters taken literally (REDIS_PREFIX is free text). */
function patternOf(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
}
