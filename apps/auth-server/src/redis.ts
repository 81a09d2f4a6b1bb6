import { Redis } from 'ioredis';

/** Where the app's Redis client (when `REDIS_URL` is set) is found for injection. */
export const REDIS = Symbol('REDIS');

/**
 * A client that never queues commands while disconnected and gives up on one after a second:
 * callers (rate limits, revocations, readiness) decide what to do when Redis is away.
 */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Connection errors are reported by the commands that fail and by /health/ready.
  redis.on('error', () => undefined);
  return redis;
}
