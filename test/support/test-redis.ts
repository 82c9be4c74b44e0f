import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own for one test file; `clear()` deletes every key under it. */
export function createTestRedisPrefix(label = 'test'): { prefix: string; clear(): Promise<void> } {
  const prefix = `dbchatops-test-${label}-${randomBytes(4).toString('hex')}`;
  return { prefix, clear: () => deleteKeysWithPrefix(prefix) };
}

export async function deleteKeysWithPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
