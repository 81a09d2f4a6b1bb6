import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The commands of an `ioredis` client this storage uses. */
export interface RedisEval {
  eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * One hit, atomically: a fixed window per key (`PEXPIRE` on the first hit); over the limit the
 * caller is blocked for `blockDuration` (a key of its own) and the window starts over after it.
 * KEYS: hits, block. ARGV: ttl ms, limit, block ms. Returns hits, ms left in the window, blocked
 * (0/1), ms left in the block.
 */
const HIT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(ARGV[2]) + 1, blockLeft, 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  local block = tonumber(ARGV[3])
  if block > 0 then
    redis.call('SET', KEYS[2], '1', 'PX', block)
    redis.call('DEL', KEYS[1])
    return {hits, block, 1, block}
  end
  return {hits, left, 1, left}
end
return {hits, left, 0, 0}`;

/**
 * Rate-limit counts in Redis, shared by every instance of the server. Each hit is one `EVAL`
 * (atomic: parallel hits on several instances are counted exactly). While Redis is away the
 * counts fall back to `fallback` (this instance's memory), so limits still hold per instance.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private lastWarning = 0;

  constructor(
    private readonly redis: RedisEval,
    private readonly fallback: ThrottlerStorage,
    private readonly prefix = 'auth-server:rate:',
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    try {
      const [hits, left, blocked, blockLeft] = (await this.redis.eval(
        HIT,
        2,
        base,
        `${base}:blocked`,
        Math.max(1, Math.round(ttl)),
        limit,
        Math.max(0, Math.round(blockDuration)),
      )) as [number, number, number, number];
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(left / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockLeft / 1000),
      };
    } catch (error) {
      this.warn(error);
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 60_000) return;
    this.lastWarning = now;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Redis unavailable for rate limits (${reason}); counting in this instance's memory`);
  }
}
