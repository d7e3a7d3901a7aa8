import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA): one round trip per call without sending the text each time. Redis loses
 * its script cache on restart; the NOSCRIPT answer then sends the text once (EVAL caches it again).
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(client: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}

/** A script's reply as the array of integers our scripts return, or an error naming the script. */
export function integerReply(reply: unknown, script: string): number[] {
  if (!Array.isArray(reply) || !reply.every((value): value is number => typeof value === 'number')) {
    throw new Error(`unexpected reply from the ${script} script`);
  }
  return reply;
}
