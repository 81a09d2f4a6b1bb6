import type { RevocationCheck, RevocationStore } from './revocation.store.js';

/**
 * The few commands of an `ioredis` client (v5 or v6) this store uses, so that nest-cognito does
 * not depend on ioredis: pass your own client (`new Redis(url)`).
 */
export interface RedisClientLike {
  set(key: string, value: string, mode: 'EXAT', time: number): Promise<unknown>;
  mget(...keys: string[]): Promise<(string | null)[]>;
  eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

// Raises a user's issued-before time, never lowers it; the key expires when no token it covers lives.
const RAISE_BEFORE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EXAT', ARGV[2])
else
  local ttl = redis.call('TTL', KEYS[1])
  if ttl >= 0 and ttl < tonumber(ARGV[2]) - tonumber(ARGV[3]) then redis.call('EXPIREAT', KEYS[1], ARGV[2]) end
end
return 1`;

/**
 * Revocations shared by every instance of an application: a sign-out handled by one is honoured
 * by all. One round trip per check (`MGET` of the session key and the user key); entries expire
 * on their own once no token they cover can be valid.
 */
export class RedisRevocationStore implements RevocationStore {
  constructor(
    private readonly redis: RedisClientLike,
    private readonly prefix = 'nest-cognito:revoked:',
  ) {}

  async revokeSession(originJti: string, forgetAfter: number): Promise<void> {
    await this.redis.set(`${this.prefix}session:${originJti}`, '1', 'EXAT', Math.ceil(forgetAfter));
  }

  async revokeUser(sub: string, issuedBefore: number, forgetAfter: number): Promise<void> {
    await this.redis.eval(
      RAISE_BEFORE,
      1,
      `${this.prefix}user:${sub}`,
      issuedBefore,
      Math.ceil(forgetAfter),
      Math.floor(Date.now() / 1000),
    );
  }

  async isRevoked(token: RevocationCheck): Promise<boolean> {
    const [session, before] = await this.redis.mget(
      `${this.prefix}session:${token.originJti ?? '-'}`,
      `${this.prefix}user:${token.sub}`,
    );
    if (token.originJti !== undefined && session !== null) return true;
    return before !== null && token.issuedAt < Number(before);
  }
}
