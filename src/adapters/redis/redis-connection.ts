import { Redis } from 'ioredis';

/**
 * A Redis connection suitable for BullMQ (workers need `maxRetriesPerRequest: null`).
 * Fails fast on the first connect so start-up reports an unreachable Redis instead of hanging.
 */
export function createRedisConnection(redisUrl: string, name = 'databricks-chatops'): Redis {
  return new Redis(redisUrl, {
    connectionName: name,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
